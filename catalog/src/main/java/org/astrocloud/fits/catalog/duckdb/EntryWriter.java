package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.data.DataReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a batch of entries in one transaction: the rows of the URIs already present are deleted,
 * then every entry's file, HDU and card rows are appended with DuckDB's appenders. Blocking; the
 * caller holds the connection's lock. Appenders are confined to the thread that made them, so one
 * call makes, fills and closes its own.
 */
final class EntryWriter {
    private EntryWriter() {
    }

    /**
     * Stores {@code batch} whole and renews {@code renewals} (the object's row alone; an entry the
     * catalog does not hold, or that the batch stores too, is stored whole), in one transaction.
     */
    static void write(DuckDBConnection c, Collection<CatalogEntry> batch, Collection<CatalogEntry> renewals)
            throws SQLException {
        Map<URI, CatalogEntry> last = new LinkedHashMap<>();
        batch.forEach(e -> last.put(e.uri(), e));
        Jdbc.transaction(c, () -> {
            Map<URI, CatalogEntry> renewed = new LinkedHashMap<>();
            renewals.stream().filter(e -> !last.containsKey(e.uri())).forEach(e -> renewed.put(e.uri(), e));
            for (CatalogEntry gone : renewRows(c, renewed.values())) {
                last.put(gone.uri(), gone);
            }
            deleteExisting(c, last.keySet());
            try (DuckDBAppender files = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "files");
                 DuckDBAppender hdus = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "hdus");
                 DuckDBAppender cards = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cards")) {
                for (CatalogEntry e : last.values()) {
                    append(e, files, hdus, cards);
                }
            }
            return null;
        });
    }

    /**
     * Updates the object rows of {@code renewals} with one statement (a statement costs DuckDB about
     * 1.5 ms: one per renewal made revalidating 10,000 objects take 15 s more); returns those the
     * catalog has no row of.
     */
    private static List<CatalogEntry> renewRows(DuckDBConnection c, Collection<CatalogEntry> renewals) throws SQLException {
        List<CatalogEntry> missing = new ArrayList<>();
        if (renewals.isEmpty()) {
            return missing;
        }
        Set<String> present = new HashSet<>(presentUris(c, renewals.stream().map(CatalogEntry::uri).toList()));
        List<CatalogEntry> rows = new ArrayList<>();
        for (CatalogEntry e : renewals) {
            (present.contains(e.uri().toString()) ? rows : missing).add(e);
        }
        if (rows.isEmpty()) {
            return missing;
        }
        String values = String.join(", ", java.util.Collections.nCopies(rows.size(),
                "(?::VARCHAR, ?::BIGINT, ?::VARCHAR, ?::TIMESTAMP, ?::TIMESTAMP)"));
        try (PreparedStatement p = c.prepareStatement("UPDATE files SET size = v.size, etag = v.etag, last_modified ="
                + " v.last_modified, scanned_at = v.scanned_at FROM (VALUES " + values + ") v(uri, size, etag,"
                + " last_modified, scanned_at) WHERE files.uri = v.uri")) {
            int i = 0;
            for (CatalogEntry e : rows) {
                p.setString(++i, e.uri().toString());
                p.setObject(++i, e.object().size() >= 0 ? e.object().size() : null);
                p.setString(++i, e.object().validator());
                p.setObject(++i, e.object().lastModified() == null ? null : Times.utc(e.object().lastModified()));
                p.setObject(++i, Times.utc(e.scannedAt()));
            }
            p.executeUpdate();
        }
        return missing;
    }

    /** Deletes the rows of those of {@code uris} the catalog has (found through the files' primary key). */
    private static void deleteExisting(DuckDBConnection c, Collection<URI> uris) throws SQLException {
        List<String> present = presentUris(c, uris);
        if (present.isEmpty()) {
            return;
        }
        for (String table : List.of("cards", "hdus", "files")) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table
                    + " WHERE list_contains(?::VARCHAR[], uri)")) {
                p.setArray(1, c.createArrayOf("VARCHAR", present.toArray()));
                p.executeUpdate();
            }
        }
    }

    /** Those of {@code uris} the catalog has a file row of, as text. */
    private static List<String> presentUris(DuckDBConnection c, Collection<URI> uris) throws SQLException {
        List<String> present = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT uri FROM files WHERE list_contains(?::VARCHAR[], uri)")) {
            p.setArray(1, c.createArrayOf("VARCHAR", uris.stream().map(URI::toString).toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    present.add(r.getString(1));
                }
            }
        }
        return present;
    }

    private static void append(CatalogEntry e, DuckDBAppender files, DuckDBAppender hdus, DuckDBAppender cards)
            throws SQLException {
        String uri = e.uri().toString();
        files.beginRow().append(uri);
        appendSize(files, e.object().size());
        files.append(e.object().validator());
        if (e.object().lastModified() != null) {
            files.append(Times.utc(e.object().lastModified()));
        } else {
            files.appendNull();
        }
        files.append(Times.utc(e.scannedAt())).append(e.isOk() ? "ok" : "error").append(e.error())
                .append(e.compression()).append(e.derivedFrom() == null ? null : e.derivedFrom().toString())
                .append(e.headers().size())
                .append(HeaderCatalog.siblingKey(e.uri())).endRow();
        for (StoredHeader stored : e.headers()) {
            FitsHeader h = parsed(e, stored).orElse(null);
            appendHdu(hdus, uri, stored, h);
            if (h != null) {
                appendCards(cards, uri, stored.index(), h.cards());
            }
        }
    }

    private static void appendSize(DuckDBAppender a, long size) throws SQLException {
        if (size >= 0) {
            a.append(size);
        } else {
            a.appendNull();
        }
    }

    /** The header parsed again for its columns; empty when its bytes are not a header (the bytes are kept all the same). */
    private static Optional<FitsHeader> parsed(CatalogEntry e, StoredHeader stored) {
        try {
            return Optional.of(FitsHeader.fromStored(e.uri(), stored, e.compression(), e.object().validator()));
        } catch (RuntimeException notAHeader) {
            return Optional.empty();
        }
    }

    private static void appendHdu(DuckDBAppender a, String uri, StoredHeader stored, FitsHeader h) throws SQLException {
        byte[] bytes = stored.bytes();
        a.beginRow().append(uri).append(stored.index());
        if (h == null) {
            a.appendNull().appendNull().appendNull().append(stored.headerOffset()).append((long) bytes.length);
            for (int i = 0; i < 10; i++) {
                a.appendNull();
            }
            a.append(bytes).endRow();
            return;
        }
        a.append(h.kind().name()).append(h.xtension().orElse(null)).append(h.stringValue("EXTNAME").orElse(null))
                .append(h.headerOffset()).append(h.headerSize()).append(h.dataOffset()).append(h.dataSize())
                .append(h.paddedDataSize()).append(h.bitpix())
                .append(h.naxis().stream().mapToLong(Long::longValue).toArray())
                .append(h.pcount()).append(h.gcount()).append(h.cardCount()).append(dataReference(h))
                .append(bytes).endRow();
    }

    /** The data reference as JSON with the URI exactly as stored (the catalog is as private as its inputs). */
    private static String dataReference(FitsHeader h) {
        try {
            return DataReference.of(h).toJson(false);
        } catch (RuntimeException unusual) {
            return null;
        }
    }

    private static void appendCards(DuckDBAppender a, String uri, int hdu, List<FitsCard> cards) throws SQLException {
        for (int seq = 0; seq < cards.size(); seq++) {
            FitsCard card = cards.get(seq);
            CardColumns v = CardColumns.of(card);
            a.beginRow().append(uri).append(hdu).append(seq).append(card.keyword()).append(v.type()).append(v.text())
                    .append(v.integer()).append(v.real()).append(v.logical()).append(card.comment().orElse(null))
                    .append(card.image()).endRow();
        }
    }
}

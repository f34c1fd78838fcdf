package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.spi.ObjectInfo;

/** Reads entries back from the {@code files} and {@code hdus} rows (the header bytes are the truth; cards are derived). Blocking. */
final class EntryReader {
    static final String FILE_COLUMNS = "uri, size, etag, last_modified, scanned_at, error, compression, derived_from";

    private EntryReader() {
    }

    /**
     * The entries of those of {@code uris} the catalog holds, by URI as text, with three queries in
     * one snapshot whatever their number: the HDU rows' ids (the URI column alone), their header
     * bytes by row id, the files' rows. (Selecting the header bytes by URI read every row group's
     * bytes: 200 ms for 64 entries of 3,000; a lookup per URI costs 1.5 ms of query overhead; this
     * costs 0.3-0.45 ms per entry.)
     */
    static Map<String, CatalogEntry> findAll(Connection c, List<URI> uris) throws SQLException {
        List<String> keys = uris.stream().map(URI::toString).distinct().toList();
        Map<String, List<StoredHeader>> headers = new HashMap<>();
        Map<String, CatalogEntry> out = new HashMap<>();
        return Jdbc.transaction(c, () -> {   // one snapshot: row ids stay those of the first query
            List<Object> rowIds = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT rowid FROM hdus WHERE uri" + in(keys.size()))) {
                bind(p, keys);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rowIds.add(r.getLong(1));
                    }
                }
            }
            if (!rowIds.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("SELECT uri, hdu, header_offset, header FROM hdus WHERE rowid"
                        + in(rowIds.size()) + " ORDER BY uri, hdu")) {
                    bind(p, rowIds);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            headers.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                    .add(new StoredHeader(r.getInt(2), r.getLong(3), r.getBytes(4)));
                        }
                    }
                }
            }
            try (PreparedStatement files = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM files WHERE uri"
                    + in(keys.size()))) {
                bind(files, keys);
                try (ResultSet f = files.executeQuery()) {
                    while (f.next()) {
                        out.put(f.getString(1), entry(f, headers.getOrDefault(f.getString(1), List.of())));
                    }
                }
            }
            return out;
        });
    }

    private static String in(int values) {
        return " IN (" + String.join(", ", java.util.Collections.nCopies(values, "?")) + ")";
    }

    private static void bind(PreparedStatement p, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            p.setObject(i + 1, values.get(i));
        }
    }

    /** A successfully scanned, not derived entry other than {@code uri} with the same sibling key. */
    static Optional<CatalogEntry> sibling(Connection c, URI uri) throws SQLException {
        try (PreparedStatement files = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM files WHERE sibling_key = ?"
                + " AND outcome = 'ok' AND derived_from IS NULL AND uri <> ? LIMIT 1")) {
            files.setString(1, HeaderCatalog.siblingKey(uri));
            files.setString(2, uri.toString());
            try (ResultSet f = files.executeQuery()) {
                if (!f.next()) {
                    return Optional.empty();
                }
                return Optional.of(entry(f, headers(c, f.getString(1))));
            }
        }
    }

    private static List<StoredHeader> headers(Connection c, String uri) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT hdu, header_offset, header FROM hdus WHERE uri = ? ORDER BY hdu")) {
            return headers(p, uri);
        }
    }

    /** The stored headers of {@code uri}, through {@code hdus} ({@code SELECT hdu, header_offset, header ... WHERE uri = ?}). */
    private static List<StoredHeader> headers(PreparedStatement hdus, String uri) throws SQLException {
        List<StoredHeader> headers = new ArrayList<>();
        hdus.setString(1, uri);
        try (ResultSet r = hdus.executeQuery()) {
            while (r.next()) {
                headers.add(new StoredHeader(r.getInt(1), r.getLong(2), r.getBytes(3)));
            }
        }
        return headers;
    }

    /** The entry of the current {@code files} row ({@link #FILE_COLUMNS}) with these headers. */
    static CatalogEntry entry(ResultSet f, List<StoredHeader> headers) throws SQLException {
        long size = f.getLong(2);
        if (f.wasNull()) {
            size = -1;
        }
        ObjectInfo object = new ObjectInfo(URI.create(f.getString(1)), size, f.getString(3),
                Times.instant(f.getObject(4, LocalDateTime.class)));
        String derived = f.getString(8);
        return new CatalogEntry(object, Times.instant(f.getObject(5, LocalDateTime.class)), headers, f.getString(7),
                f.getString(6), derived == null ? null : URI.create(derived));
    }

    /** Every entry, read file by file from one consistent snapshot of {@code c}. */
    static final class Cursor implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet files;

        Cursor(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);   // one transaction: one snapshot for every row read
            this.statement = connection.prepareStatement("SELECT " + FILE_COLUMNS + " FROM files ORDER BY uri");
            this.files = statement.executeQuery();
        }

        /** The next entry, or empty at the end. */
        Optional<CatalogEntry> next() throws SQLException {
            if (!files.next()) {
                return Optional.empty();
            }
            return Optional.of(entry(files, headers(connection, files.getString(1))));
        }

        @Override
        public void close() throws SQLException {
            try (connection; statement; files) {
                connection.rollback();
            }
        }
    }
}

package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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

    /** The entry for {@code uri}, if any. */
    static Optional<CatalogEntry> find(Connection c, URI uri) throws SQLException {
        try (PreparedStatement files = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM files WHERE uri = ?")) {
            files.setString(1, uri.toString());
            try (ResultSet f = files.executeQuery()) {
                if (!f.next()) {
                    return Optional.empty();
                }
                return Optional.of(entry(f, headers(c, uri.toString())));
            }
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
        List<StoredHeader> headers = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT hdu, header_offset, header FROM hdus WHERE uri = ? ORDER BY hdu")) {
            p.setString(1, uri);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    headers.add(new StoredHeader(r.getInt(1), r.getLong(2), r.getBytes(3)));
                }
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

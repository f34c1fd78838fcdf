package org.astrocloud.fits.catalog.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The catalog's tables, versioned: {@code schema_version} records every migration applied. Opening
 * a file for writing brings it to {@link #CURRENT}, one step at a time in one transaction each;
 * a file of a newer version is refused, never changed.
 *
 * <p><b>Adding a version:</b> raise {@link #CURRENT} and append a {@link Step} to {@link #STEPS}
 * whose {@code to} is the new version and whose statements turn the previous version into it
 * ({@code ALTER TABLE ... ADD COLUMN ...}, new views, a backfill). Never edit a published step:
 * files in the field were made by it.
 */
final class Schema {
    /** The version this code writes. */
    static final int CURRENT = 1;

    /** One migration: the statements that turn version {@code to - 1} into {@code to}. */
    record Step(int to, String description, List<String> statements) {
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "files, hdus, cards and the card_values view", List.of(
                    """
                    CREATE TABLE files (
                        uri VARCHAR PRIMARY KEY,
                        size BIGINT,
                        etag VARCHAR,
                        last_modified TIMESTAMP,
                        scanned_at TIMESTAMP NOT NULL,
                        outcome VARCHAR NOT NULL,
                        error VARCHAR,
                        compression VARCHAR,
                        derived_from VARCHAR,
                        hdu_count INTEGER NOT NULL,
                        sibling_key VARCHAR NOT NULL)""",
                    """
                    CREATE TABLE hdus (
                        uri VARCHAR NOT NULL,
                        hdu INTEGER NOT NULL,
                        kind VARCHAR,
                        xtension VARCHAR,
                        extname VARCHAR,
                        header_offset BIGINT NOT NULL,
                        header_size BIGINT NOT NULL,
                        data_offset BIGINT,
                        data_size BIGINT,
                        padded_data_size BIGINT,
                        bitpix INTEGER,
                        naxis BIGINT[],
                        pcount BIGINT,
                        gcount BIGINT,
                        card_count INTEGER,
                        data_ref JSON,
                        header BLOB NOT NULL)""",
                    """
                    CREATE TABLE cards (
                        uri VARCHAR NOT NULL,
                        hdu INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        keyword VARCHAR NOT NULL,
                        value_type VARCHAR NOT NULL,
                        str_value VARCHAR,
                        long_value BIGINT,
                        double_value DOUBLE,
                        bool_value BOOLEAN,
                        comment VARCHAR,
                        image VARCHAR NOT NULL)""",
                    """
                    CREATE VIEW card_values AS
                    SELECT uri, hdu, seq, keyword, value_type,
                           coalesce(str_value, CAST(long_value AS VARCHAR), CAST(double_value AS VARCHAR),
                                    CAST(bool_value AS VARCHAR)) AS value
                    FROM cards""")));

    private Schema() {
    }

    /** Brings the database to {@link #CURRENT}, or refuses it; read-only, only checks that it is current. */
    static void prepare(Connection c, boolean readOnly) throws SQLException {
        int found = version(c);
        if (found > CURRENT) {
            throw new CatalogSchemaException("the catalog has schema version " + found + ", written by a newer"
                    + " astro-cloud; this version reads versions up to " + CURRENT + ": upgrade astro-cloud", found);
        }
        if (found == CURRENT) {
            return;
        }
        if (found < 0 && hasTables(c)) {
            throw new CatalogSchemaException("not an astro-cloud catalog: the database has tables but no"
                    + " schema_version", -1);
        }
        if (readOnly) {
            throw new CatalogSchemaException(found < 0 ? "not an astro-cloud catalog (empty database)"
                    : "the catalog has schema version " + found + "; open it for writing once (fits-scan index)"
                    + " to migrate it to version " + CURRENT, found);
        }
        migrate(c, Math.max(found, 0));
    }

    private static void migrate(Connection c, int from) throws SQLException {
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP"
                    + " NOT NULL DEFAULT current_timestamp::TIMESTAMP, description VARCHAR)");
            for (Step step : STEPS) {
                if (step.to() <= from) {
                    continue;
                }
                c.setAutoCommit(false);
                try {
                    for (String sql : step.statements()) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version (version, description) VALUES (" + step.to() + ", '"
                            + step.description().replace("'", "''") + "')");
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            }
        }
    }

    /** The recorded version, or -1 when there is no {@code schema_version} table. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
                     + " AND table_name = 'schema_version'")) {
            r.next();
            if (r.getLong(1) == 0) {
                return -1;
            }
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static boolean hasTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }
}

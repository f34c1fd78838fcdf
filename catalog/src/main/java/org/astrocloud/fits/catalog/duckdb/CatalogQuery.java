package org.astrocloud.fits.catalog.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import reactor.core.publisher.Mono;

/**
 * SQL over a catalog: the tables {@code files}, {@code hdus}, {@code cards}, the view
 * {@code card_values} (every card's value as text) and, after {@link #wide}, the views {@code wide}
 * (one row per HDU, one column per chosen keyword) and {@code wide_files} (one row per file, each
 * keyword from the first HDU that has it); Parquet export of the tables. Every call runs on a
 * bounded-elastic thread, one at a time.
 *
 * <pre>{@code
 * CatalogQuery q = CatalogQuery.openReadOnly(Path.of("headers.duckdb"));
 * q.wide(List.of("SECTOR", "CAMERA", "CCD")).block();
 * q.query("SELECT uri, SECTOR FROM wide_files WHERE CAMERA = 1", rows).block();
 * q.exportParquet(Path.of("export"), List.of("SECTOR")).block();
 * q.close().block();
 * }</pre>
 */
public final class CatalogQuery {
    /** Receives a result: its columns once, then each row. Called on the query's thread. */
    public interface RowHandler {
        /** The result's column names and DuckDB types, before the first row. */
        void columns(List<String> names, List<String> types);

        /**
         * One row: String, Long, Integer, Double, Boolean, BigDecimal, byte[] (BLOB), List (LIST),
         * LocalDateTime (TIMESTAMP), or the value's text for other types; null for NULL.
         */
        void row(List<Object> values);
    }

    /**
     * What an export wrote.
     *
     * @param directory where
     * @param rows the rows of {@code files}, {@code hdus} and {@code cards}, in that order
     * @param partitionBy the partition columns, empty for one file per table
     */
    public record Export(Path directory, List<Long> rows, List<String> partitionBy) {
    }

    static final List<String> TABLES = List.of("files", "hdus", "cards");

    private final Connection connection;
    private final Lock lock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    CatalogQuery(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens the catalog in {@code file} read only: no statement can change it. Blocking.
     *
     * @throws CatalogSchemaException the file is not a catalog of this version
     * @throws CatalogAccessException it cannot be opened (no such file, say)
     */
    public static CatalogQuery openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogAccessException("no catalog at " + file, null);
        }
        DuckDBConnection c = Jdbc.connect(file, true);
        try {
            Schema.prepare(c, true);
            return new CatalogQuery(c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException s) {
                throw new CatalogAccessException("cannot read the catalog " + file + ": " + s.getMessage(), s);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Defines (or redefines) the temporary views {@code wide} and {@code wide_files} with one column
     * per keyword in {@code keywords} (upper-cased), named as the keyword: {@code SELECT "DATE-OBS"
     * FROM wide}. A keyword whose cards all hold integers is a BIGINT column, numbers DOUBLE,
     * logicals BOOLEAN, anything else VARCHAR; the value is that of the keyword's first card.
     *
     * @throws IllegalArgumentException for an empty keyword, or URI or HDU (the views' own columns)
     */
    public Mono<Void> wide(List<String> keywords) {
        List<String> keys = WideViews.keywords(keywords);
        return run("defining the wide views", () -> {
            try (Statement s = connection.createStatement()) {
                for (String sql : WideViews.create(connection, keys)) {
                    s.execute(sql);
                }
            }
            return null;
        }).then();
    }

    /** Runs {@code sql} and hands its result to {@code handler}; emits the number of rows. */
    public Mono<Long> query(String sql, RowHandler handler) {
        return run("the query failed", () -> {
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
                return emit(r, handler);
            }
        });
    }

    /**
     * Runs {@code search}, SQL that this class writes with every value a parameter (safe for input
     * from an untrusted caller), and hands its result to {@code handler}: columns {@code uri}
     * ({@code hdu}) and the selected keywords; emits the number of rows.
     * Fails with {@link IllegalArgumentException} when a condition's value does not fit its
     * keyword's type ({@code CAMERA=four}).
     */
    public Mono<Long> search(CatalogSearch search, RowHandler handler) {
        return run("the search failed", () -> {
            SearchSql statement = SearchSql.of(connection, search);
            try (PreparedStatement p = connection.prepareStatement(statement.sql())) {
                for (int i = 0; i < statement.parameters().size(); i++) {
                    p.setObject(i + 1, statement.parameters().get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    return emit(r, handler);
                }
            }
        });
    }

    private static long emit(ResultSet r, RowHandler handler) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        handler.columns(Collections.unmodifiableList(names), Collections.unmodifiableList(types));
        long rows = 0;
        while (r.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(Values.get(r, i));
            }
            handler.row(Collections.unmodifiableList(row));
            rows++;
        }
        return rows;
    }

    /**
     * Writes {@code files}, {@code hdus} and {@code cards} as ZSTD Parquet under {@code dir}: one file
     * each ({@code files.parquet}, ...) or, with {@code partitionBy}, a hive-style directory each
     * ({@code cards/SECTOR=22/CAMERA=1/data_0.parquet}). A partition key that names a column of
     * {@code files} ({@code outcome}, {@code compression}) partitions by that column; any other is
     * a keyword, its value from the first HDU of each file that has it (as in {@code wide_files}).
     * Earlier outputs of these three names are replaced; nothing else in {@code dir} is touched.
     */
    public Mono<Export> exportParquet(Path dir, List<String> partitionBy) {
        return run("the export failed", () -> {
            Files.createDirectories(dir);
            List<String> fileColumns = columnsOf("files");
            ParquetExport export = new ParquetExport(dir, partitionBy, fileColumns);
            List<Long> rows = new ArrayList<>();
            try (Statement s = connection.createStatement()) {
                for (String sql : export.prepare(connection)) {
                    s.execute(sql);
                }
                for (String table : TABLES) {
                    s.execute(export.copy(table, columnsOf(table)));
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                        r.next();
                        rows.add(r.getLong(1));
                    }
                }
            }
            return new Export(dir, List.copyOf(rows), export.keys());
        });
    }

    private List<String> columnsOf(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Closes the connection. Idempotent. */
    public Mono<Void> close() {
        return run("closing", () -> {
            if (closed.compareAndSet(false, true)) {
                connection.close();
            }
            return null;
        }).then();
    }

    private <T> Mono<T> run(String what, java.util.concurrent.Callable<T> work) {
        return Jdbc.blocking(lock, what, () -> {
            if (closed.get() && !what.equals("closing")) {
                throw new IllegalStateException("the query session is closed");
            }
            return work.call();
        });
    }
}

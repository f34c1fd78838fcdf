package org.astrocloud.fits.catalog.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The statements of one Parquet export: a temporary view of partition keys per file, then one COPY per table. */
final class ParquetExport {
    private final Path dir;
    private final List<String> keys;
    private final List<String> fileColumns;

    ParquetExport(Path dir, List<String> partitionBy, List<String> fileColumns) {
        this.dir = dir.toAbsolutePath();
        this.fileColumns = fileColumns;
        List<String> named = new ArrayList<>();
        for (String k : partitionBy) {
            String key = k.strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("an empty partition key");
            }
            named.add(isFileColumn(key) ? key.toLowerCase(Locale.ROOT) : key.toUpperCase(Locale.ROOT));
        }
        this.keys = List.copyOf(named);
    }

    List<String> keys() {
        return keys;
    }

    private boolean isFileColumn(String key) {
        return fileColumns.contains(key.toLowerCase(Locale.ROOT));
    }

    /** The temporary view {@code export_keys} (uri and each key) when partitioned. */
    List<String> prepare(Connection c) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> keywords = keys.stream().filter(k -> !isFileColumn(k)).toList();
        Map<String, WideViews.ColumnType> expr = WideViews.expressions(c, keywords);
        StringBuilder select = new StringBuilder("SELECT f.uri AS export_uri");
        for (String k : keys) {
            select.append(", ").append(isFileColumn(k) ? "f." : "w.").append(WideViews.identifier(k));
        }
        return List.of("CREATE OR REPLACE TEMP VIEW export_keys AS " + select + " FROM files f LEFT JOIN ("
                + WideViews.filesSelect(keywords, expr) + ") w ON w.uri = f.uri");
    }

    /** The COPY of {@code table} (whose columns are {@code columns}). */
    String copy(String table, List<String> columns) {
        if (keys.isEmpty()) {
            return "COPY " + table + " TO " + WideViews.literal(dir.resolve(table + ".parquet").toString())
                    + " (FORMAT PARQUET, COMPRESSION ZSTD)";
        }
        List<String> kept = new ArrayList<>();
        for (String c : columns) {
            if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(c))) {
                kept.add("t." + WideViews.identifier(c));
            }
        }
        List<String> keyColumns = keys.stream().map(WideViews::identifier).toList();
        keyColumns.forEach(k -> kept.add("k." + k));
        return "COPY (SELECT " + String.join(", ", kept) + " FROM " + table + " t JOIN export_keys k ON k.export_uri"
                + " = t.uri) TO " + WideViews.literal(dir.resolve(table).toString()) + " (FORMAT PARQUET,"
                + " COMPRESSION ZSTD, PARTITION_BY (" + String.join(", ", keyColumns) + "), OVERWRITE)";
    }
}

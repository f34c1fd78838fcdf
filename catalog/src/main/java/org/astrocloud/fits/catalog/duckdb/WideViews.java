package org.astrocloud.fits.catalog.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the wide views: one column per chosen keyword, typed from the cards it holds
 * (BIGINT when every value is an integer, DOUBLE for numbers, BOOLEAN for logicals, else VARCHAR),
 * the value of the first card of that keyword.
 */
final class WideViews {
    /** A keyword column's type, and the expression over a {@code cards} row that gives its value. */
    enum ColumnType {
        BIGINT("long_value"),
        DOUBLE("double_value"),
        BOOLEAN("bool_value"),
        VARCHAR("coalesce(str_value, CAST(long_value AS VARCHAR), CAST(double_value AS VARCHAR),"
                + " CAST(bool_value AS VARCHAR))"),
        /** No card of the keyword holds a value. */
        ABSENT("CAST(NULL AS VARCHAR)");

        final String expression;

        ColumnType(String expression) {
            this.expression = expression;
        }
    }
    private WideViews() {
    }

    /** The keywords as columns: upper case, blanks stripped, duplicates dropped ({@link CatalogSearch#keyword}). */
    static List<String> keywords(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : given) {
            out.add(CatalogSearch.keyword(k));
        }
        return List.copyOf(out);
    }

    /** {@code CREATE TEMP VIEW wide} (one row per HDU) and {@code wide_files} (one per file, first HDU that has it). */
    static List<String> create(Connection c, List<String> keywords) throws SQLException {
        Map<String, ColumnType> expr = expressions(c, keywords);
        return List.of("CREATE OR REPLACE TEMP VIEW wide AS " + hdusSelect(keywords, expr),
                "CREATE OR REPLACE TEMP VIEW wide_files AS " + filesSelect(keywords, expr));
    }

    /** {@code SELECT uri, hdu, K...} with one row per HDU. */
    static String hdusSelect(List<String> keywords, Map<String, ColumnType> expr) {
        return "SELECT h.uri, h.hdu" + columns(keywords, "k.") + " FROM hdus h"
                + " LEFT JOIN (SELECT uri, hdu" + aggregates(keywords, expr, "seq") + " FROM cards"
                + filter(keywords) + " GROUP BY uri, hdu) k ON k.uri = h.uri AND k.hdu = h.hdu";
    }

    /** {@code SELECT uri, K...} with one row per file: the value from the first HDU that has the keyword. */
    static String filesSelect(List<String> keywords, Map<String, ColumnType> expr) {
        return "SELECT f.uri" + columns(keywords, "k.") + " FROM files f LEFT JOIN (SELECT uri"
                + aggregates(keywords, expr, "hdu, seq") + " FROM cards" + filter(keywords)
                + " GROUP BY uri) k ON k.uri = f.uri";
    }

    /** Each keyword's column type, from the value types its cards hold. */
    static Map<String, ColumnType> expressions(Connection c, List<String> keywords) throws SQLException {
        Map<String, Set<String>> types = new HashMap<>();
        if (!keywords.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("SELECT keyword, value_type FROM cards WHERE"
                    + " list_contains(?::VARCHAR[], keyword) GROUP BY keyword, value_type")) {
                p.setArray(1, c.createArrayOf("VARCHAR", keywords.toArray()));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        types.computeIfAbsent(r.getString(1), k -> new java.util.HashSet<>()).add(r.getString(2));
                    }
                }
            }
        }
        Map<String, ColumnType> out = new HashMap<>();
        for (String k : keywords) {
            out.put(k, type(types.getOrDefault(k, Set.of())));
        }
        return out;
    }

    private static ColumnType type(Set<String> types) {
        Set<String> defined = new java.util.HashSet<>(types);
        defined.remove("undefined");
        if (defined.isEmpty()) {
            return ColumnType.ABSENT;
        }
        if (defined.equals(Set.of("integer"))) {
            return ColumnType.BIGINT;
        }
        if (Set.of("integer", "real", "big_integer").containsAll(defined)) {
            return ColumnType.DOUBLE;
        }
        if (defined.equals(Set.of("logical"))) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.VARCHAR;
    }

    private static String columns(List<String> keywords, String prefix) {
        StringBuilder b = new StringBuilder();
        keywords.forEach(k -> b.append(", ").append(prefix).append(identifier(k)));
        return b.toString();
    }

    private static String aggregates(List<String> keywords, Map<String, ColumnType> expr, String order) {
        StringBuilder b = new StringBuilder();
        for (String k : keywords) {
            b.append(", first(").append(expr.get(k).expression).append(" ORDER BY ").append(order).append(") FILTER (WHERE keyword = ")
                    .append(literal(k)).append(") AS ").append(identifier(k));
        }
        return b.toString();
    }

    private static String filter(List<String> keywords) {
        List<String> literals = new ArrayList<>();
        keywords.forEach(k -> literals.add(literal(k)));
        return keywords.isEmpty() ? " WHERE false" : " WHERE keyword IN (" + String.join(", ", literals) + ")";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

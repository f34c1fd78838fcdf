package org.astrocloud.fits.catalog.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the wide views: one column per chosen keyword, typed from the cards it holds
 * (BIGINT when every value is an integer, DOUBLE for numbers, BOOLEAN for logicals, else VARCHAR),
 * the value of the first card of that keyword.
 */
final class WideViews {
    private static final Set<String> RESERVED = Set.of("URI", "HDU");

    private WideViews() {
    }

    /** The keywords as columns: upper case, blanks stripped, duplicates dropped. */
    static List<String> keywords(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : given) {
            String key = k.strip().toUpperCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("an empty keyword");
            }
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("keyword " + key + " would hide the " + key.toLowerCase(Locale.ROOT)
                        + " column; pick it from the cards table instead");
            }
            out.add(key);
        }
        return List.copyOf(out);
    }

    /** {@code CREATE TEMP VIEW wide} (one row per HDU) and {@code wide_files} (one per file, first HDU that has it). */
    static List<String> create(Connection c, List<String> keywords) throws SQLException {
        Map<String, String> expr = expressions(c, keywords);
        return List.of(
                "CREATE OR REPLACE TEMP VIEW wide AS SELECT h.uri, h.hdu" + columns(keywords, "k.") + " FROM hdus h"
                        + " LEFT JOIN (SELECT uri, hdu" + aggregates(keywords, expr, "seq") + " FROM cards"
                        + filter(keywords) + " GROUP BY uri, hdu) k ON k.uri = h.uri AND k.hdu = h.hdu",
                "CREATE OR REPLACE TEMP VIEW wide_files AS " + filesSelect(keywords, expr));
    }

    /** {@code SELECT uri, K...} with one row per file: the value from the first HDU that has the keyword. */
    static String filesSelect(List<String> keywords, Map<String, String> expr) {
        return "SELECT f.uri" + columns(keywords, "k.") + " FROM files f LEFT JOIN (SELECT uri"
                + aggregates(keywords, expr, "hdu, seq") + " FROM cards" + filter(keywords)
                + " GROUP BY uri) k ON k.uri = f.uri";
    }

    /** Each keyword's value expression over a {@code cards} row, from the value types it has. */
    static Map<String, String> expressions(Connection c, List<String> keywords) throws SQLException {
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
        Map<String, String> out = new HashMap<>();
        for (String k : keywords) {
            out.put(k, expression(types.getOrDefault(k, Set.of())));
        }
        return out;
    }

    private static String expression(Set<String> types) {
        Set<String> defined = new java.util.HashSet<>(types);
        defined.remove("undefined");
        if (defined.isEmpty()) {
            return "CAST(NULL AS VARCHAR)";
        }
        if (defined.equals(Set.of("integer"))) {
            return "long_value";
        }
        if (Set.of("integer", "real", "big_integer").containsAll(defined)) {
            return "double_value";
        }
        if (defined.equals(Set.of("logical"))) {
            return "bool_value";
        }
        return "coalesce(str_value, CAST(long_value AS VARCHAR), CAST(double_value AS VARCHAR),"
                + " CAST(bool_value AS VARCHAR))";
    }

    private static String columns(List<String> keywords, String prefix) {
        StringBuilder b = new StringBuilder();
        keywords.forEach(k -> b.append(", ").append(prefix).append(identifier(k)));
        return b.toString();
    }

    private static String aggregates(List<String> keywords, Map<String, String> expr, String order) {
        StringBuilder b = new StringBuilder();
        for (String k : keywords) {
            b.append(", first(").append(expr.get(k)).append(" ORDER BY ").append(order).append(") FILTER (WHERE keyword = ")
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

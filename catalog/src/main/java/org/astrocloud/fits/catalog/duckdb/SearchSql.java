package org.astrocloud.fits.catalog.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.astrocloud.fits.catalog.duckdb.CatalogSearch.Condition;
import org.astrocloud.fits.catalog.duckdb.CatalogSearch.Level;
import org.astrocloud.fits.catalog.duckdb.WideViews.ColumnType;

/**
 * The SQL of a {@link CatalogSearch}: the wide select of its keywords, wrapped in the conditions,
 * order and page. Identifiers are checked keywords, quoted; every value is a parameter.
 *
 * @param sql the statement
 * @param parameters its parameters, in order
 */
record SearchSql(String sql, List<Object> parameters) {
    /** A FITS number (a D exponent too), as a condition's value may write it. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eEdD][+-]?\\d+)?");

    static SearchSql of(Connection c, CatalogSearch search) throws SQLException {
        Set<String> needed = new LinkedHashSet<>(search.keywords());
        search.conditions().forEach(k -> needed.add(k.keyword()));
        boolean byKeyword = !search.orderBy().equals("uri") && !search.orderBy().equals("hdu");
        if (byKeyword) {
            needed.add(search.orderBy());
        }
        List<String> keywords = List.copyOf(needed);
        Map<String, ColumnType> types = WideViews.expressions(c, keywords);
        boolean hdus = search.level() == Level.HDUS;
        if (!hdus && search.orderBy().equals("hdu")) {
            throw new IllegalArgumentException("a search of files has no hdu column to order by");
        }

        StringBuilder sql = new StringBuilder("SELECT uri").append(hdus ? ", hdu" : "");
        search.keywords().forEach(k -> sql.append(", ").append(WideViews.identifier(k)));
        sql.append(" FROM (").append(hdus ? WideViews.hdusSelect(keywords, types) : WideViews.filesSelect(keywords, types))
                .append(") t");
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String prefix : search.uriPrefixes()) {
            where.add("starts_with(uri, ?)");
            parameters.add(prefix);
        }
        for (List<String> group : search.uriPrefixGroups()) {
            if (group.isEmpty()) {
                where.add("false");
                continue;
            }
            where.add("(" + String.join(" OR ", group.stream().map(p -> "starts_with(uri, ?)").toList()) + ")");
            parameters.addAll(group);
        }
        for (Condition condition : search.conditions()) {
            where.add(compare(condition, types.get(condition.keyword()), parameters));
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ");
        if (byKeyword || search.orderBy().equals("hdu")) {
            String column = byKeyword ? WideViews.identifier(search.orderBy()) : "hdu";
            sql.append(column).append(search.descending() ? " DESC" : " ASC").append(" NULLS LAST, uri");
        } else {
            sql.append("uri").append(search.descending() ? " DESC" : " ASC");
        }
        if (hdus) {
            sql.append(", hdu");
        }
        sql.append(" LIMIT ? OFFSET ?");
        parameters.add((long) search.limit());
        parameters.add(search.offset());
        return new SearchSql(sql.toString(), List.copyOf(parameters));
    }

    /** {@code "K" op ?} with the value converted to the column's type; refused when it does not fit. */
    private static String compare(Condition condition, ColumnType type, List<Object> parameters) {
        String column = WideViews.identifier(condition.keyword());
        String op = " " + condition.op().symbol() + " ?";
        String value = condition.value().strip();
        switch (type) {
            case BIGINT:
                if (value.matches("[+-]?\\d{1,18}")) {
                    parameters.add(Long.parseLong(value));
                    return column + op;
                }
                parameters.add(number(condition, value, "integers"));
                return "CAST(" + column + " AS DOUBLE)" + op;
            case DOUBLE:
                parameters.add(number(condition, value, "numbers"));
                return column + op;
            case BOOLEAN:
                parameters.add(logical(condition, value));
                return column + op;
            case VARCHAR:
                if (NUMBER.matcher(value).matches()) {   // a keyword of mixed types: its numbers compare as numbers
                    parameters.add(number(condition, value, "numbers"));
                    return "TRY_CAST(" + column + " AS DOUBLE)" + op;
                }
                parameters.add(condition.value().stripTrailing());   // as FITS: trailing blanks mean nothing
                return column + op;
            default:   // a keyword no card holds: never matches
                parameters.add(condition.value());
                return column + op;
        }
    }

    private static double number(Condition condition, String value, String holds) {
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(condition.keyword() + " holds " + holds + ": '" + condition.value()
                    + "' is not a number");
        }
        return Double.parseDouble(value.replace('d', 'e').replace('D', 'E'));
    }

    private static boolean logical(Condition condition, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "t", "true":
                return true;
            case "f", "false":
                return false;
            default:
                throw new IllegalArgumentException(condition.keyword() + " holds logicals: '" + condition.value()
                        + "' is not T, F, true or false");
        }
    }
}

package org.astrocloud.fits.catalog.duckdb;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** JDBC values as plain Java values: byte[] for BLOBs, lists for arrays, LocalDateTime for timestamps. */
final class Values {
    private Values() {
    }

    static Object get(ResultSet r, int column) throws SQLException {
        return plain(r.getObject(column));
    }

    static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(items.length);
            for (Object item : items) {
                out.add(plain(item));
            }
            return out;
        }
        if (v instanceof Struct s) {
            return Arrays.asList(s.getAttributes());
        }
        if (v instanceof Map<?, ?> || v instanceof byte[] || v instanceof java.time.temporal.Temporal) {
            return v;
        }
        return v.toString();
    }
}

package org.astrocloud.fits.catalog.duckdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A query's rows in a list, for assertions. */
final class Rows {
    private Rows() {
    }

    static List<List<Object>> of(CatalogQuery q, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        q.query(sql, new CatalogQuery.RowHandler() {
            @Override
            public void columns(List<String> names, List<String> types) {
            }

            @Override
            public void row(List<Object> values) {
                rows.add(values);
            }
        }).block(Duration.ofSeconds(30));
        return rows;
    }
}

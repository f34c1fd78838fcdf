package org.astrocloud.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns the query reads and the filters on {@code uri}, {@code hdu} and {@code kind}
 * that this source evaluates exactly ({@link Conditions}); every other filter is left to Spark.
 */
final class FitsHeadersScanBuilder implements SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    private final ScanOptions options;
    private final Conditions conditions = new Conditions();
    private final List<Filter> pushed = new ArrayList<>();
    private StructType schema = FitsHeadersSchema.schema();

    FitsHeadersScanBuilder(ScanOptions options) {
        this.options = options;
    }

    /**
     * Keeps the top-level columns of {@code required}, each with its full type: rows are built with
     * whole {@code error} and {@code cards} structs, and Spark projects any nested field out of them.
     */
    @Override
    public void pruneColumns(StructType required) {
        StructType full = FitsHeadersSchema.schema();
        schema = new StructType(java.util.Arrays.stream(required.fieldNames()).map(full::apply).toArray(StructField[]::new));
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> rest = new ArrayList<>();
        for (Filter f : filters) {
            if (conditions.push(f)) {
                pushed.add(f);
            } else {
                rest.add(f);
            }
        }
        return rest.toArray(Filter[]::new);
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.toArray(Filter[]::new);
    }

    @Override
    public Scan build() {
        return new FitsHeadersScan(options, conditions, schema);
    }
}

package org.astrocloud.spark;

import java.util.List;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A planned scan: the columns to build, the pushed conditions, the options. {@link #planInputPartitions()}
 * lists the files on the driver ({@link Listing}) once per batch.
 */
final class FitsHeadersScan implements Scan, Batch {
    private final ScanOptions options;
    private final Conditions conditions;
    private final StructType schema;

    FitsHeadersScan(ScanOptions options, Conditions conditions, StructType schema) {
        this.options = options;
        this.conditions = conditions;
        this.schema = schema;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        return Listing.partitions(options, conditions).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        List<Column> columns = java.util.Arrays.stream(schema.fields()).map(StructField::name).map(Column::named).toList();
        return new HeaderReaderFactory(options, conditions, columns);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return FitsHeadersMetrics.all();
    }

    /** The options with sensitive values masked, the pushed conditions and the columns; shown by {@code explain()}. */
    @Override
    public String description() {
        return "fitsheaders [" + options + ", pushed=" + conditions + ", columns=" + List.of(schema.fieldNames()) + "]";
    }
}

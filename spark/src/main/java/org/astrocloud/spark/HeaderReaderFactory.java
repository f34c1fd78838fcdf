package org.astrocloud.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Sent to the executors with the options, the pushed conditions and the columns to build; makes one {@link HeaderReader} per task. */
final class HeaderReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final ScanOptions options;
    private final Conditions conditions;
    private final ArrayList<Column> columns;

    HeaderReaderFactory(ScanOptions options, Conditions conditions, List<Column> columns) {
        this.options = options;
        this.conditions = conditions;
        this.columns = new ArrayList<>(columns);
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new HeaderReader((FilesPartition) partition, options, conditions, columns);
    }
}

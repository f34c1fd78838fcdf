package org.astrocloud.spark;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The {@code fitsheaders} table: batch reads only, with the fixed {@link FitsHeadersSchema}. */
final class FitsHeadersTable implements SupportsRead {
    @Override
    public String name() {
        return "fitsheaders";
    }

    @Override
    public org.apache.spark.sql.connector.catalog.Column[] columns() {
        return java.util.Arrays.stream(FitsHeadersSchema.schema().fields())
                .map(f -> org.apache.spark.sql.connector.catalog.Column.create(f.name(), f.dataType(), f.nullable()))
                .toArray(org.apache.spark.sql.connector.catalog.Column[]::new);
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        Map<String, String> all = options.asCaseSensitiveMap();
        return new FitsHeadersScanBuilder(ScanOptions.of(all));
    }
}

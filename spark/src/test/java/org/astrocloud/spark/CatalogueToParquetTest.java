package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.astrocloud.spark.examples.CatalogueToParquet;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example job on its synthetic files: Parquet partitioned by SECTOR/CAMERA/CCD that Spark reads back whole. */
class CatalogueToParquetTest {
    @TempDir
    Path dir;

    @Test
    void theCatalogueIsWrittenPartitionedAndReadsBackWithTheSameRows() throws Exception {
        SparkSession spark = SparkTests.session();
        Path out = dir.resolve("catalogue");
        try (S3ProxyServer s3 = S3ProxyServer.filesystem(Files.createDirectories(dir.resolve("s3"))).anonymous().start()) {
            int files = CatalogueToParquet.writeSynthetic(s3);
            assertEquals(80, files);
            long written = CatalogueToParquet.run(spark, CatalogueToParquet.localS3(s3), List.of("s3://tess/"), out,
                    List.of("SECTOR", "CAMERA", "CCD"));
            // 64 cubes of 3 HDUs, 16 FFIs of 3 HDUs (primary, CAL, UNCERT): 240 rows, none failed
            assertEquals(240, written);
            long direct = spark.read().format("fitsheaders").options(CatalogueToParquet.localS3(s3)).load("s3://tess/").count();
            assertEquals(direct, written);
        }
        assertTrue(Files.isDirectory(out.resolve("SECTOR=22/CAMERA=3/CCD=4")));
        List<Row> one = spark.read().parquet(out.toString()).where("SECTOR = 21 and CAMERA = 2 and CCD = 1 and hdu = 1")
                .select("naxis").collectAsList();
        assertEquals(1, one.size());
        assertEquals(List.of(2L, 2L, 2136L, 2078L), one.get(0).getList(0), "cube s0021-2-1 has 1 + ccd = 2 FFIs");
    }
}

package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local directories and globs, the pushed filters, and the options (checked on the driver, secrets masked). */
class OptionsAndFiltersTest {
    static final int FILES = 6;
    @TempDir
    static Path dir;
    static Path local;

    @BeforeAll
    static void write() throws Exception {
        local = Files.createDirectories(dir.resolve("local"));
        for (int i = 0; i < FILES; i++) {
            TessFiles.writeCube(local.resolve("tess-s0022-1-" + (i + 1) + "-cube.fits"), 22, 1, i + 1, 2);
        }
        Files.writeString(local.resolve("notes.txt"), "not FITS");
    }

    static DataFrameReader reader() {
        return SparkTests.session().read().format("fitsheaders").option("filesPerPartition", "2");
    }

    static Dataset<Row> cubes() {
        return reader().load(local + "/*-cube.fits");
    }

    @Test
    void aLocalGlobAndADirectoryAreListed() {
        assertEquals(3 * FILES, cubes().count());
        Dataset<Row> directory = reader().load(local.toString());
        assertEquals(3 * FILES, directory.where("error is null").count());
        List<Row> notFits = directory.where("error is not null").select("uri", "error.class").collectAsList();
        assertEquals(1, notFits.size());
        assertTrue(notFits.get(0).getString(0).endsWith("notes.txt"));
        assertEquals(FILES / 2 + 1, directory.rdd().getNumPartitions(), "7 files, 2 per partition");
    }

    @Test
    void hduAndKindFiltersDropRowsBeforeTheirCardsAreBuilt() {
        Dataset<Row> images = cubes().where("hdu = 1 and kind = 'IMAGE'").select("uri", "header");
        assertEquals(FILES, images.collectAsList().size());
        // the image header text has 10 cards with END: 9 cards each, and no card of the other HDUs
        assertEquals(9L * FILES, SparkTests.metric(images, FitsHeadersMetrics.CardsBuilt.NAME));
        assertTrue(images.queryExecution().executedPlan().toString().contains("pushed=[hdu = [1], kind = [IMAGE]]"),
                images.queryExecution().executedPlan().toString());
        assertEquals(2 * FILES, cubes().where("hdu >= 1 and hdu < 3").count());
        assertEquals(FILES, cubes().where("kind in ('PRIMARY', 'TABLE')").count());
    }

    @Test
    void uriFiltersDropFilesOnTheDriver() {
        String one = local.resolve("tess-s0022-1-3-cube.fits").toUri().toString();
        Dataset<Row> single = cubes().where("uri = '" + one + "'").select("hdu");
        assertEquals(3, single.collectAsList().size(), single.queryExecution().executedPlan().toString());
        assertEquals(1, SparkTests.metric(single, FitsHeadersMetrics.FilesScanned.NAME));
        assertEquals(1, single.rdd().getNumPartitions());
        Dataset<Row> prefixed = cubes().where("uri like '" + one.replace("-cube.fits", "") + "%'").select("hdu");
        assertEquals(3, prefixed.collectAsList().size());
        Dataset<Row> two = cubes().where("uri in ('" + one + "', '" + one.replace("-3-", "-5-") + "')").select("hdu");
        assertEquals(6, two.collectAsList().size());
        assertEquals(2, SparkTests.metric(two, FitsHeadersMetrics.FilesScanned.NAME));
    }

    @Test
    void sensitiveOptionsAreMaskedInThePlan() {
        Dataset<Row> df = cubes().sparkSession().read().format("fitsheaders")
                .option("http.bearerToken", "tok-3f9a7c")
                .option("http.headers", "X-Api-Key: key-51d2e0")
                .option("readAhead", "2880")
                .load("https://user:pw-8e1b@127.0.0.1:1/never-read.fits?X-Amz-Signature=sig-77aa");
        String plan = df.queryExecution().explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
        for (String secret : List.of("tok-3f9a7c", "key-51d2e0", "pw-8e1b", "sig-77aa")) {
            assertFalse(plan.contains(secret), secret + " in " + plan);
        }
        assertTrue(plan.contains("http.bearertoken=****") && plan.contains("readahead=2880"), plan);
    }

    @Test
    void badOptionsFailOnTheDriverNamingTheOption() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> reader().option("http.maxRetry", "3").load(local.toString()).count());
        assertTrue(unknown.getMessage().contains("unknown option 'http.maxretry'"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> reader().option("retry.maxRetries", "many").load(local.toString()).count());
        assertTrue(bad.getMessage().contains("retry.maxRetries"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> reader().option("filesPerPartition", "0").load(local.toString()).count());
    }

    @Test
    void durationsAreWrittenAsPeopleDoOrInIso() {
        assertEquals(java.time.Duration.ofMillis(500), ScanOptions.duration("x", "500ms"));
        assertEquals(java.time.Duration.ofMinutes(2), ScanOptions.duration("x", "2m"));
        assertEquals(java.time.Duration.ofSeconds(30), ScanOptions.duration("x", "PT30S"));
    }
}

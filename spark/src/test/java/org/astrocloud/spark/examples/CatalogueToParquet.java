package org.astrocloud.spark.examples;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.S3ProxyServer;

/**
 * An example job: catalogues the FITS files under a prefix with the {@code fitsheaders} source and
 * writes one row per HDU as Parquet, partitioned by keywords of each file's primary header
 * (default SECTOR, CAMERA, CCD), then reads the Parquet back and counts it.
 *
 * <p>With no input it needs no network: it writes 64 synthetic TESS cubes (4 sectors x 4 cameras x 4
 * CCDs, full-size sparse files) and 16 FFIs, serves them from an S3-compatible server (s3proxy) on
 * 127.0.0.1, and catalogues {@code s3://tess/}. The one command ({@code spark/run} builds and runs it
 * in {@code local[*]}):
 *
 * <pre>
 * spark/run                                     # synthetic files, Parquet in spark/target/catalogue
 * spark/run --out /tmp/cat --keywords SECTOR,CAMERA s3://bucket/prefix/ --option s3.anonymous=true
 * </pre>
 *
 * <p>It lives in the spark module's tests (and test-jar), not in {@code examples}: Spark in
 * {@code provided} scope would be on the class path of the examples' CLI tests, with its own SLF4J
 * provider next to slf4j-simple and Jackson 2.21 against the s3proxy stack's; and the synthetic
 * files and the local S3 server it makes come from test modules.
 */
public final class CatalogueToParquet {
    private CatalogueToParquet() {
    }

    /**
     * Catalogues {@code inputs} (read with {@code options}) into Parquet under {@code out},
     * partitioned by {@code keywords} of each file's primary header, and returns the rows written.
     * A file that failed is written too (its error row), with null partition values.
     */
    public static long run(SparkSession spark, Map<String, String> options, List<String> inputs, Path out,
                           List<String> keywords) {
        Dataset<Row> hdus = spark.read().format("fitsheaders").options(options).load(inputs.toArray(String[]::new));
        Dataset<Row> hdusOnce = hdus.cache();   // the join reads the HDUs twice: scan the files once
        List<org.apache.spark.sql.Column> keyColumns = new ArrayList<>(List.of(col("uri").as("primary_uri")));
        for (String k : keywords) {
            keyColumns.add(col("header").getItem(k.toUpperCase(Locale.ROOT)).as(k));
        }
        Dataset<Row> keys = hdusOnce.where("hdu = 0").select(keyColumns.toArray(org.apache.spark.sql.Column[]::new));
        Dataset<Row> rows = hdusOnce.join(keys, col("uri").equalTo(col("primary_uri")), "left").drop("primary_uri");
        rows.write().mode(SaveMode.Overwrite).partitionBy(keywords.toArray(String[]::new)).parquet(out.toString());
        long written = spark.read().parquet(out.toString()).count();
        hdusOnce.unpersist();
        return written;
    }

    /**
     * {@code [--out DIR] [--keywords K1,K2,...] [--option KEY=VALUE]... [INPUT...]}; no input: the
     * synthetic files on a local S3 server.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("spark/target/catalogue").toAbsolutePath();
        List<String> keywords = List.of("SECTOR", "CAMERA", "CCD");
        Map<String, String> options = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--keywords" -> keywords = Arrays.asList(args[++i].split(","));
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    options.put(kv[0], kv[1]);
                }
                default -> inputs.add(args[i]);
            }
        }
        SparkSession spark = SparkSession.builder().master("local[*]").appName("catalogue-to-parquet")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            if (!inputs.isEmpty()) {
                report(run(spark, options, inputs, out, keywords), out);
                return;
            }
            Path work = Files.createTempDirectory("catalogue-to-parquet");
            try (S3ProxyServer s3 = S3ProxyServer.filesystem(work).anonymous().start()) {
                int files = writeSynthetic(s3);
                System.out.printf(Locale.ROOT, "wrote %d synthetic TESS files, served at %s as s3://tess/%n", files, s3.endpoint());
                options.putAll(localS3(s3));
                report(run(spark, options, List.of("s3://tess/"), out, keywords), out);
            }
        } finally {
            spark.stop();
        }
    }

    /** The options that read s3proxy's {@code s3://tess/} anonymously. */
    public static Map<String, String> localS3(S3ProxyServer s3) {
        return Map.of("s3.endpoint", s3.endpoint().toString(), "s3.anonymous", "true", "s3.region", "us-east-1");
    }

    /** Writes 64 cubes (sectors 20-23, cameras and CCDs 1-4) and 16 FFIs into bucket {@code tess}; returns how many. */
    public static int writeSynthetic(S3ProxyServer s3) {
        int n = 0;
        for (int sector = 20; sector <= 23; sector++) {
            for (int camera = 1; camera <= 4; camera++) {
                for (int ccd = 1; ccd <= 4; ccd++) {
                    TessFiles.writeCube(s3.placeFile("tess", String.format(Locale.ROOT,
                            "s%04d/tess-s%04d-%d-%d-cube.fits", sector, sector, camera, ccd)), sector, camera, ccd, 1 + ccd);
                    n++;
                }
            }
        }
        for (int camera = 1; camera <= 4; camera++) {
            for (int ccd = 1; ccd <= 4; ccd++) {
                TessFiles.writeFfi(s3.placeFile("tess", String.format(Locale.ROOT,
                        "ffi/tess2020-s0022-%d-%d-ffic.fits", camera, ccd)), camera, ccd, TessFiles.FfiVariant.STANDARD);
                n++;
            }
        }
        return n;
    }

    private static void report(long rows, Path out) throws IOException {
        System.out.printf(Locale.ROOT, "wrote %d rows (one per HDU) to %s%n", rows, out);
        try (var dirs = Files.walk(out, 1)) {
            dirs.filter(Files::isDirectory).filter(d -> !d.equals(out)).sorted()
                    .forEach(d -> System.out.println("  " + out.relativize(d) + "/..."));
        }
    }
}

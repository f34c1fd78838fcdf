package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3 globs and prefixes listed on the driver and scanned in the tasks, against s3proxy on 127.0.0.1 (anonymous). */
class S3GlobTest {
    @TempDir
    static Path dir;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.filesystem(dir).anonymous().start();
        for (int camera = 1; camera <= 2; camera++) {
            for (int ccd = 1; ccd <= 2; ccd++) {
                String key = "sector22/tess-s0022-" + camera + "-" + ccd + "-cube.fits";
                TessFiles.writeCube(s3.placeFile("tess", key), 22, camera, ccd, 10);
            }
        }
        TessFiles.writeFfi(s3.placeFile("tess", "sector22/tess2020-s0022-1-1-ffic.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        TessFiles.writeCube(s3.placeFile("tess", "sector23/tess-s0023-1-1-cube.fits"), 23, 1, 1, 10);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static DataFrameReader reader() {
        return SparkTests.session().read().format("fitsheaders")
                .option("s3.endpoint", s3.endpoint().toString())
                .option("s3.anonymous", "true")
                .option("s3.region", "us-east-1")
                .option("s3.pathStyle", "true");
    }

    @Test
    void aGlobListsOnlyTheCubesItMatches() {
        List<Row> rows = reader().load("s3://tess/sector22/*-cube.fits").where("error is null")
                .selectExpr("uri", "hdu", "header['CAMERA']", "header['CCD']").orderBy("uri", "hdu").collectAsList();
        assertEquals(12, rows.size(), rows.toString());
        assertEquals("s3://tess/sector22/tess-s0022-1-1-cube.fits", rows.get(0).getString(0));
        assertEquals(List.of("2", "2"), List.of(rows.get(9).getString(2), rows.get(9).getString(3)));
        assertEquals(0, reader().load("s3://tess/sector22/*-cube.fits").where("error is not null").count());
    }

    @Test
    void aPrefixAndASecondPathAreReadTogether() {
        List<Row> files = reader().load("s3://tess/sector22/", "s3://tess/sector23/tess-s0023-1-1-cube.fits")
                .where("error is null and hdu = 0").select("uri").orderBy("uri").collectAsList();
        assertEquals(6, files.size(), files.toString());
        assertTrue(files.get(4).getString(0).endsWith("tess2020-s0022-1-1-ffic.fits"), files.toString());
    }

    @Test
    void aGlobThatMatchesNothingIsOneErrorRow() {
        List<Row> rows = reader().load("s3://tess/sector99/*.fits").select("uri", "hdu", "error.class").collectAsList();
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).isNullAt(1));
        assertEquals("ObjectNotFoundException", rows.get(0).getString(2));
        // a nested field alone: the struct is built whole, and Spark picks the field
        String message = reader().load("s3://tess/sector99/*.fits").select("error.message").first().getString(0);
        assertTrue(message.contains("no object matches"), message);
    }
}

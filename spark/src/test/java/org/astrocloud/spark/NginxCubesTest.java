package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.NginxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 synthetic TESS cubes, a missing file and a truncated one, served by nginx on 127.0.0.1 and
 * read by the {@code fitsheaders} source in {@code local[2]}. Expected offsets come from the cube
 * layout (the header texts' card counts and the data-unit arithmetic), checked against nom-tam-fits
 * for one file, never from our scanner.
 */
class NginxCubesTest {
    static final int CUBES = 1000;
    static final long BLOCK = 2880;

    @TempDir
    static Path dir;
    static NginxServer nginx;
    static Path list;
    /** Cube URL to its number of FFIs. */
    static final Map<String, Integer> FFIS = new HashMap<>();
    static String missing;
    static String truncated;

    @BeforeAll
    static void serve() throws Exception {
        boolean present = NginxServer.installed().isPresent();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("nginx is not installed; .ci/run installs nginx-light");
        }
        Assumptions.assumeTrue(present, "nginx is not installed (apt-get install -y nginx-light)");
        Path cubes = Files.createDirectories(dir.resolve("www/cubes"));
        nginx = NginxServer.start(dir.resolve("www"), Files.createDirectories(dir.resolve("nginx")));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CUBES; i++) {
            int ffis = 1 + i % 5;
            String name = String.format("tess-s%04d-%d-%d-cube-%04d.fits", 20 + i % 4, 1 + i % 4, 1 + (i / 4) % 4, i);
            TessFiles.writeCube(cubes.resolve(name), 20 + i % 4, 1 + i % 4, 1 + (i / 4) % 4, ffis);
            String url = nginx.url("cubes/" + name);
            FFIS.put(url, ffis);
            lines.add(url);
        }
        missing = nginx.url("cubes/no-such-cube.fits");
        Path cut = TessFiles.writeCube(dir.resolve("www/truncated.fits"), 22, 1, 1, 3);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(2 * BLOCK + 1000);   // the primary header, the image header, part of the image
        }
        truncated = nginx.url("truncated.fits");
        lines.add(missing);
        lines.add("# a comment, then a blank line");
        lines.add("");
        lines.add(truncated);
        list = Files.write(dir.resolve("uris.txt"), lines);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static Dataset<Row> all() {
        return SparkTests.session().read().format("fitsheaders")
                .option("uriList", list.toString())
                .option("filesPerPartition", "100")
                .option("concurrency", "16")
                .load();
    }

    /** Cards in one of testdata's header texts, END included: what its header's size follows from. */
    static long cards(String resource) throws IOException {
        try (InputStream in = TessFiles.class.getResourceAsStream("tess/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).count();
        }
    }

    static long pad(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }

    @Test
    void everyCubeGivesThreeRowsAtTheOffsetsOfItsLayout() throws Exception {
        long primary = pad(80 * cards("cube-hdu0-primary.txt"));
        long image = pad(80 * cards("cube-hdu1-image.txt"));
        long table = pad(80 * cards("cube-hdu2-table.txt"));
        List<Row> rows = all().where("error is null and uri not like '%truncated%'")
                .select("uri", "hdu", "kind", "header_offset", "header_size", "data_offset", "data_size", "naxis", "bitpix",
                        "size", "etag", "extname")
                .collectAsList();
        assertEquals(3 * CUBES, rows.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Row r : rows) {
            String uri = r.getString(0);
            long n = FFIS.get(uri);
            long imageBytes = 4L * 2 * 2136 * 2078 * n;           // float32, 2 planes x 2136 x 2078 per FFI
            long tableAt = primary + image + pad(imageBytes);
            long fileSize = tableAt + table + pad(1282 * n);     // 1282-byte rows, one per FFI
            int hdu = r.getInt(1);
            long[] expected = switch (hdu) {
                case 0 -> new long[] {0, primary, primary, 0};
                case 1 -> new long[] {primary, image, primary + image, imageBytes};
                default -> new long[] {tableAt, table, tableAt + table, 1282 * n};
            };
            assertEquals(List.of("PRIMARY", "IMAGE", "BINTABLE").get(hdu), r.getString(2), uri);
            assertEquals(expected[0], r.getLong(3), uri + " hdu " + hdu + " header_offset");
            assertEquals(expected[1], r.getLong(4), uri + " hdu " + hdu + " header_size");
            assertEquals(expected[2], r.getLong(5), uri + " hdu " + hdu + " data_offset");
            assertEquals(expected[3], r.getLong(6), uri + " hdu " + hdu + " data_size");
            assertEquals(fileSize, r.getLong(9), uri + " size");
            assertNotNull(r.getString(10), "nginx gives an ETag");
            if (hdu == 1) {
                assertEquals(List.of(2L, n, 2136L, 2078L), r.getList(7));
                assertEquals(-32, r.getInt(8));
            }
            seen.merge(uri, 1, Integer::sum);
        }
        assertEquals(CUBES, seen.size());
        assertTrue(seen.values().stream().allMatch(c -> c == 3));
    }

    @Test
    @SuppressWarnings("deprecation")   // getOriginalSize: the bytes read, padding included, as nom-tam-fits found them
    void theLayoutArithmeticAgreesWithNomTamFits() throws Exception {
        Path cube = dir.resolve("www/cubes").resolve(FFIS.keySet().stream().sorted().findFirst().orElseThrow()
                .replaceAll(".*/", ""));
        long offset = 0;
        List<long[]> found = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(cube.toFile(), "r")) {
            for (int hdu = 0; hdu < 3; hdu++) {
                f.seek(offset);
                Header h = new Header();
                h.read(new FitsInputStream(new java.io.FileInputStream(f.getFD())));
                long headerSize = h.getOriginalSize();
                found.add(new long[] {offset, headerSize, offset + headerSize});
                offset += headerSize + h.getDataSize();
            }
        }
        List<Row> rows = all().where("uri = '" + nginx.url("cubes/" + cube.getFileName()) + "'")
                .orderBy("hdu").select("header_offset", "header_size", "data_offset").collectAsList();
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(found.get(i)[0], found.get(i)[1], found.get(i)[2]),
                    List.of(rows.get(i).getLong(0), rows.get(i).getLong(1), rows.get(i).getLong(2)), "hdu " + i);
        }
    }

    @Test
    void aMissingAndATruncatedFileAreErrorRowsAndTheRestSucceed() {
        // one scan of all 1,002 files: every row's uri, hdu and error
        List<Row> rows = all().select("uri", "hdu", "error.class", "error.message", "kind").collectAsList();
        List<Row> errors = rows.stream().filter(r -> !r.isNullAt(2)).toList();
        assertEquals(2, errors.size(), errors.toString());
        Row miss = errors.stream().filter(r -> r.getString(0).equals(missing)).findFirst().orElseThrow();
        assertEquals("ObjectNotFoundException", miss.getString(2));
        assertTrue(miss.isNullAt(1) && miss.isNullAt(4));
        Row cut = errors.stream().filter(r -> r.getString(0).equals(truncated)).findFirst().orElseThrow();
        assertTrue(cut.isNullAt(1));
        assertNotNull(cut.getString(3));
        // the HDUs before the truncation are rows of their own, without error: the two complete headers
        List<Integer> before = rows.stream().filter(r -> r.getString(0).equals(truncated) && r.isNullAt(2))
                .map(r -> r.getInt(1)).sorted().toList();
        assertEquals(List.of(0, 1), before);
        assertEquals(3 * CUBES + before.size(), rows.stream().filter(r -> r.isNullAt(2)).count());
    }

    @Test
    void headerMapHoldsTheKeywordsWritten() {
        List<Row> rows = all().where("hdu = 0 and uri like '%cube-0007.fits'")
                .selectExpr("header['SECTOR']", "header['CAMERA']", "header['CCD']", "header['SIMPLE']", "size(cards)")
                .collectAsList();
        assertEquals(1, rows.size());
        Row r = rows.get(0);
        // cube 7: sector 20 + 7 % 4, camera 1 + 7 % 4, ccd 1 + (7 / 4) % 4
        assertEquals(List.of("23", "4", "2", "T"), List.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
        assertEquals(32, r.getInt(4), "the primary text has 33 cards, END included; END is no card of the header");
    }

    @Test
    void selectingUriAndHduBuildsNoCards() {
        Dataset<Row> pruned = all().select("uri", "hdu");
        List<Row> rows = pruned.collectAsList();
        assertTrue(rows.size() >= 3 * CUBES + 2, "rows: " + rows.size());
        assertEquals(0, SparkTests.metric(pruned, FitsHeadersMetrics.CardsBuilt.NAME));
        assertEquals(CUBES + 2, SparkTests.metric(pruned, FitsHeadersMetrics.FilesScanned.NAME));
        assertEquals(2, SparkTests.metric(pruned, FitsHeadersMetrics.FilesFailed.NAME));

        Dataset<Row> withHeader = all().select("uri", "header");
        withHeader.collectAsList();
        assertTrue(SparkTests.metric(withHeader, FitsHeadersMetrics.CardsBuilt.NAME) >= 32L * CUBES);
    }
}

package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.GcsServer;
import org.astrocloud.testservers.S3ProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.astrocloud.fits.testkit.FitsBytes;
import org.astrocloud.azure.Azurite;
import org.astrocloud.azure.SparseUpload;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fits-scan scan} and {@code fits-scan demo} end to end, on real files in a temp directory. */
class FitsScanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, List<JsonNode> lines, String out, String err) {
        List<JsonNode> ofType(String type) {
            return lines.stream().filter(l -> l.get("type").asText().equals(type)).collect(Collectors.toList());
        }
    }

    private static Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, out.toString(), err.toString());
    }

    @Test
    void aFileOfThousandsOfHdusIsPrintedWhileItIsReadAndAWholeFileStaysTogether() throws Exception {
        // 2,500 header-only IMAGE extensions, one block each: HDU i's header at i x 2880
        List<byte[]> blocks = new ArrayList<>();
        blocks.add(FitsBytes.header(FitsBytes.card("SIMPLE", true), FitsBytes.card("BITPIX", 8), FitsBytes.card("NAXIS", 0),
                FitsBytes.card("EXTEND", true)));
        for (int i = 0; i < 2500; i++) {
            blocks.add(FitsBytes.header(FitsBytes.card("XTENSION", FitsBytes.str("IMAGE")), FitsBytes.card("BITPIX", 8),
                    FitsBytes.card("NAXIS", 0), FitsBytes.card("PCOUNT", 0), FitsBytes.card("GCOUNT", 1)));
        }
        Path many = Files.write(dir.resolve("many.fits"), FitsBytes.concat(blocks.toArray(byte[][]::new)));
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);

        Run run = run("scan", "--stats", many.toString(), cube.toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> manyHdus = run.lines().stream().filter(l -> l.get("uri").asText().endsWith("many.fits")
                && l.get("type").asText().equals("hdu")).toList();
        assertEquals(2501, manyHdus.size());
        for (int i = 0; i < manyHdus.size(); i++) {
            assertEquals(2880L * i, manyHdus.get(i).get("headerOffset").asLong());
        }
        JsonNode manyFile = run.ofType("file").stream().filter(l -> l.get("uri").asText().endsWith("many.fits"))
                .findFirst().orElseThrow();
        assertEquals(2501, manyFile.get("hdus").asInt());
        // the cube's three hdu lines and its file line are one piece: nothing comes between them
        List<String> order = run.lines().stream().map(l -> l.get("uri").asText().endsWith("cube.fits")
                ? "cube" : "other").toList();
        int first = order.indexOf("cube");
        assertEquals(List.of("cube", "cube", "cube", "cube"), order.subList(first, first + 4));
        assertEquals(first + 4, order.lastIndexOf("cube") + 1);
    }

    @Test
    void scanWithStatsShouldPrintTheCubeLayoutAndTwoReads() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);

        Run run = run("scan", "--stats", cube.toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> hdus = run.ofType("hdu");
        assertEquals(3, hdus.size());
        assertEquals(0, hdus.get(0).get("headerOffset").asLong());
        assertEquals(2880, hdus.get(1).get("headerOffset").asLong());
        assertEquals(44_315_069_760L, hdus.get(2).get("headerOffset").asLong());
        assertEquals("PRIMARY", hdus.get(0).get("kind").asText());
        assertTrue(hdus.get(0).get("xtension").isNull());
        assertEquals("BINTABLE", hdus.get(2).get("xtension").asText());
        assertEquals(List.of(2L, 1248L, 2136L, 2078L), longs(hdus.get(1).get("naxis")));
        assertEquals(22, hdus.get(0).get("header").get("SECTOR").asInt());
        assertTrue(hdus.get(0).get("header").get("SIMPLE").asBoolean());
        assertEquals(553, hdus.get(2).get("cardCount").asInt());
        assertEquals("file:" + dir.toAbsolutePath() + "/tess-s0022-4-4-cube.fits", hdus.get(0).get("uri").asText());
        JsonNode file = run.ofType("file").get(0);
        assertTrue(file.get("ok").asBoolean());
        assertEquals(2, file.get("requests").asInt());
        assertTrue(file.get("bytesRead").asLong() <= 128 * 1024);
        assertEquals(44_316_717_120L, file.get("size").asLong());
        assertEquals(0, file.get("trailingBytes").asLong());
    }

    @Test
    void theCommandLineShouldCloseItsHttpConnectionsWhenItEnds() throws Exception {
        TessFiles.writeCube(dir.resolve("cube.fits"), 22, 4, 4, 1248);
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            Run run = run("scan", server.url("cube.fits"));

            assertEquals(0, run.exit(), run.err());
            assertTrue(server.connectionsAccepted() > 0);
            // the pool would keep an idle connection open for 30 s; block(timeout) fails after 10
            server.noConnectionOpen().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void brokenFileShouldBeReportedAndTheOthersStillScanned() throws Exception {
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path cut = Files.write(dir.resolve("cut.fits"), java.util.Arrays.copyOf(Files.readAllBytes(ffi), 25_000));

        Run run = run("scan", "--stats", cut.toString(), ffi.toString());

        assertEquals(1, run.exit());
        JsonNode error = run.ofType("error").get(0);
        assertEquals("TruncatedFileException", error.get("error").asText());
        assertEquals(1, error.get("hdu").asInt());
        assertEquals(25_000, error.get("offset").asLong());
        assertEquals("file:" + dir.toAbsolutePath() + "/cut.fits", error.get("uri").asText());
        assertEquals(5, run.ofType("hdu").size(), "2 HDUs of the cut file, 3 of the whole one");
        assertEquals(2, run.ofType("file").size());
    }

    @Test
    void cardsOptionShouldPrintEightyCharacterCardsAndRepeatedKeywordsAsArrays() throws Exception {
        Path file = Files.write(dir.resolve("small.fits"), FitsBytes.header("SIMPLE  =                    T",
                "BITPIX  =                    8", "NAXIS   =                    0", "COMMENT   only one comment",
                "HISTORY   one", "HISTORY   two", "MH      =                      / undefined"));

        Run run = run("scan", "--cards", file.toString());

        JsonNode hdu = run.ofType("hdu").get(0);
        assertEquals(7, hdu.get("cards").size());
        hdu.get("cards").forEach(c -> assertEquals(80, c.asText().length()));
        assertTrue(hdu.get("header").get("COMMENT").isArray());
        assertEquals(2, hdu.get("header").get("HISTORY").size());
        assertTrue(hdu.get("header").get("MH").isNull());
    }

    @Test
    void listFileShouldBeReadOneNamePerLineEvenWithBlanksInANameAndComments() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("sector 22 cube.fits"), 22, 1, 1, 1248);
        Path list = Files.writeString(dir.resolve("list.txt"), "# the cubes\n" + cube + "\n\n");

        Run run = run("scan", "@" + list);

        assertEquals(0, run.exit(), run.err());
        assertEquals(3, run.ofType("hdu").size());
        assertEquals("file:" + dir.toAbsolutePath() + "/sector%2022%20cube.fits", run.ofType("hdu").get(0).get("uri").asText());
    }

    @Test
    void linesThatAreNoUriShouldEachBeATypedErrorWhileTheOthersAreScanned() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 1248);
        Path list = Files.writeString(dir.resolve("list.txt"), "http://user:hunter2@exa mple/x.fits\n"
                + "http://[::1/y.fits\n" + cube + "\nhttp://127.0.0.1:99999/z.fits\nhttp:///w.fits\n");

        Run run = run("scan", "@" + list);

        assertEquals(1, run.exit(), run.err());
        assertEquals(3, run.ofType("hdu").size(), "the good cube's PRIMARY, PIXELS and APERTURE");
        List<JsonNode> errors = run.ofType("error");
        assertEquals(4, errors.size(), run.out());
        errors.forEach(e -> assertEquals("InvalidUriException", e.get("error").asText(), e.toString()));
        assertTrue(errors.get(0).get("message").asText().contains("not a URI"), errors.get(0).toString());
        assertTrue(run.out().contains("port 99999 is out of range"), run.out());
        assertTrue(run.out().contains("needs a host"), run.out());
        assertTrue(!run.out().contains("hunter2") && !run.err().contains("hunter2"), run.out());
    }

    @Test
    void usageErrorShouldExitWithTwo() throws Exception {
        assertEquals(2, run("scan").exit());
        assertEquals(2, run("scan", "--no-such-option", "x.fits").exit());
        assertEquals(2, run().exit());
    }

    @Test
    void demoShouldDescribeSixteenCubesFromAFewReads() throws Exception {
        StringWriter out = new StringWriter();
        int exit = DemoCommand.run(dir, new PrintWriter(out, true));

        assertEquals(0, exit, out.toString());
        String text = out.toString();
        assertEquals(16, text.lines().filter(l -> l.matches("tess-s0022-\\d-\\d-cube\\.fits .*")).count(), text);
        assertTrue(text.contains("20 files (16 cubes of 44.3 GB), 0.71 TB described by"), text);
        assertEquals(8, text.lines().filter(l -> l.matches("tess-s0022-[34]-\\d-cube\\.fits +s3 .*")).count(), text);
        assertTrue(text.contains("in 40 requests"), text);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void scanOverHttpShouldTakeTwoRequestsAndSendTheHeaders() throws Exception {
        TessFiles.writeCube(dir.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            Run run = run("scan", "--stats", "--header", "X-Archive-Key: k1", server.url("tess-s0022-4-4-cube.fits"));

            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of(0L, 2880L, 44_315_069_760L),
                    run.ofType("hdu").stream().map(h -> h.get("headerOffset").asLong()).toList());
            JsonNode file = run.ofType("file").get(0);
            assertEquals(2, file.get("requests").asInt());
            assertEquals(44_316_717_120L, file.get("size").asLong());
            assertTrue(server.requests().stream().allMatch(r -> "k1".equals(r.headers().get("X-Archive-Key"))));
        }
    }

    @Test
    void rangeIgnoringServerShouldGiveATypedErrorQuickly() throws Exception {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("big.fits").toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        try (RangeFileServer server = RangeFileServer.ignoringRange(dir)) {
            Run run = run("scan", "--stats", server.url("big.fits"));

            assertEquals(1, run.exit());
            assertEquals("RangeNotSupportedException", run.ofType("error").get(0).get("error").asText());
            assertTrue(run.ofType("file").get(0).get("bytesRead").asLong() < 1 << 20);
        }
    }

    @Test
    void missingBearerTokenVariableShouldBeAUsageError() throws Exception {
        Run run = run("scan", "--bearer-token-env", "ASTRO_CLOUD_SURELY_UNSET_VARIABLE", "http://127.0.0.1:1/x.fits");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("ASTRO_CLOUD_SURELY_UNSET_VARIABLE is not set"), run.err());
    }

    @Test
    void scanOfAnS3GlobShouldListAndWalkEachCubeInTwoGetsOverEitherTransport() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.filesystem(Files.createDirectories(dir.resolve("s3"))).anonymous().start()) {
            for (int ccd = 1; ccd <= 3; ccd++) {
                TessFiles.writeCube(s3.placeFile("tess", "tess-s0022-4-" + ccd + "-cube.fits"), 22, 4, ccd, 1248);
            }
            Files.writeString(s3.placeFile("tess", "readme.txt"), "not a cube");

            for (String transport : List.of("sdk", "reactor-netty")) {
                Run run = run("scan", "--stats", "--anonymous", "--endpoint", s3.endpoint().toString(),
                        "--s3-transport", transport, "s3://tess/tess-s0022-4-?-cube.fits");

                assertEquals(0, run.exit(), run.err() + run.out());
                List<JsonNode> files = run.ofType("file");
                assertEquals(3, files.size(), run.out());
                for (JsonNode file : files) {
                    assertEquals(2, file.get("requests").asInt(), transport);
                    assertEquals(44_316_717_120L, file.get("size").asLong(), transport);
                    assertTrue(file.get("uri").asText().startsWith("s3://tess/tess-s0022-4-"), transport);
                }
                assertEquals(9, run.ofType("hdu").size());
            }
        }
    }

    @Test
    void scanOfAnAzureBlobShouldWalkTheSparseSectorTwentyTwoCubeInTwoGets() throws Exception {
        try (Azurite azurite = Azurite.start(Files.createDirectories(dir.resolve("azurite")));
             FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(), i -> FaultProxy.Action.FORWARD)) {
            Path cube = TessFiles.writeCube(dir.resolve("azure-cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
            // the published layout: the table header of tess-s0022-4-4-cube.fits is at 44,315,069,760
            SparseUpload.upload(azurite.container("tess").getBlobClient("tess-s0022-4-4-cube.fits").getBlockBlobClient(),
                    cube, 44_315_069_760L, 64 << 20);
            Files.delete(cube);

            Run run = run("scan", "--stats", "--azure-endpoint", "http://127.0.0.1:" + proxy.port() + "/" + Azurite.ACCOUNT,
                    "--azure-account", Azurite.ACCOUNT, "--azure-key-env", "ASTROCLOUD_TEST_AZURITE_KEY",
                    "az://tess/tess-s0022-4-4-cube.fits");

            assertEquals(0, run.exit(), run.err() + run.out());
            JsonNode file = run.ofType("file").get(0);
            assertEquals(2, file.get("requests").asInt());
            assertEquals(44_316_717_120L, file.get("size").asLong());
            assertEquals(3, run.ofType("hdu").size());
            assertEquals(2, proxy.requestCount(), () -> "requests: " + proxy.received());
            assertFalse(run.out().contains(Azurite.KEY) || run.err().contains(Azurite.KEY), "the key is never printed");
        }
    }

    @Test
    void anAzureSecretFromAnUnsetVariableShouldBeAUsageErrorThatNamesTheVariable() throws Exception {
        Run run = run("scan", "--azure-account", "acct", "--azure-sas-env", "ASTRO_CLOUD_SURELY_UNSET_VARIABLE", "az://c/b.fits");

        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains("--azure-sas-env: environment variable ASTRO_CLOUD_SURELY_UNSET_VARIABLE is not set"), run.err());
    }

    @Test
    void scanOfAGcsCubeShouldWalkItInTwoRangedReadsAtTheServer() throws Exception {
        try (GcsServer gcs = GcsServer.builder(Files.createDirectories(dir.resolve("gcs"))).start()) {
            TessFiles.writeCube(gcs.placeFile("tess", "s0022/tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);

            Run run = run("scan", "--stats", "--anonymous", "--gcs-endpoint", gcs.endpoint().toString(),
                    "gs://tess/s0022/tess-s0022-4-4-cube.fits");

            assertEquals(0, run.exit(), run.err() + run.out());
            List<JsonNode> files = run.ofType("file");
            assertEquals(1, files.size(), run.out());
            assertEquals(2, files.get(0).get("requests").asInt());
            assertEquals(44_316_717_120L, files.get(0).get("size").asLong());
            // the published layout: primary, the pixel table at one block, the aperture image near the end
            assertEquals(List.of(0L, 2880L, 44_315_069_760L),
                    run.ofType("hdu").stream().map(h -> h.get("headerOffset").asLong()).toList());
            assertEquals(2, gcs.mediaRequests().size(), () -> gcs.requests().toString());
            gcs.mediaRequests().forEach(r -> assertEquals(null, r.authorization(), "--anonymous sends no token"));
        }
    }

    @Test
    void checkpointShouldSkipFilesAnEarlierRunFinished() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(TessFiles.writeFfi(dir.resolve("ffi-" + i + ".fits"), 1, 1, TessFiles.FfiVariant.STANDARD).toString());
        }
        Path list = Files.write(dir.resolve("list.txt"), all);
        Path checkpoint = dir.resolve("done.txt");
        Path out = dir.resolve("out.jsonl");
        // an earlier run finished the first four, then was killed
        Files.write(checkpoint, all.subList(0, 4).stream().map(p -> "file:" + Path.of(p).toAbsolutePath()).toList());

        Run run = run("scan", "--stats", "--checkpoint", checkpoint.toString(), "--out", out.toString(), "@" + list);

        assertEquals(0, run.exit(), run.err());
        List<String> written = Files.readAllLines(out).stream().filter(l -> l.contains("\"type\":\"file\"")).toList();
        assertEquals(6, written.size(), "only the six unfinished files are scanned");
        assertEquals(10, Files.readAllLines(checkpoint).size());
        assertTrue(run.err().contains("6 files: 6 ok, 0 failed (4 skipped, done by an earlier run)"), run.err());
        Run again = run("scan", "--checkpoint", checkpoint.toString(), "--out", out.toString(), "@" + list);
        assertTrue(again.err().contains("0 files: 0 ok, 0 failed (10 skipped"), again.err());
    }

    @Test
    void csvWithKeywordsShouldHaveOneRowPerHdu() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 3, 2, 1248);

        Run run = run("scan", "--format", "csv", "--keywords", "SECTOR,CAMERA,NAXIS2", cube.toString());

        List<String> lines = run.out().lines().toList();
        assertEquals("uri,hdu,kind,headerOffset,dataOffset,dataSize,naxis,SECTOR,CAMERA,NAXIS2,error", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).endsWith(",0,PRIMARY,0,2880,0,,22,3,,"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",1,IMAGE,2880,5760,44315062272,2x1248x2136x2078,,,1248,"), lines.get(2));
        assertTrue(run.err().contains("1 files: 1 ok, 0 failed; 3 HDUs"), run.err());
    }

    @Test
    void failFastShouldStopAtTheFirstFailure() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.fits"), "not FITS");
        Run run = run("scan", "--fail-fast", "--concurrency", "1", "--stats", bad.toString(),
                TessFiles.writeFfi(dir.resolve("good.fits"), 1, 1, TessFiles.FfiVariant.STANDARD).toString());
        assertEquals(1, run.exit());
        assertEquals(1, run.ofType("file").size(), run.out());
        assertEquals("NotFitsException", run.ofType("error").get(0).get("error").asText());
    }
}

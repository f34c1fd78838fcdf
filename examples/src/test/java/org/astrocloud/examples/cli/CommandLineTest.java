package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a user meets it: short usage errors, help, directories and globs, output
 * order, resumed CSV, keyword wildcards, warnings, the summary, and {@code info}/{@code header} on
 * every source. Layouts expected here come from the TESS files' known structure: a sector-22 cube
 * has HDUs at 0, 2,880 and 44,315,069,760; its image is 2 x 1248 x 2136 x 2078 float32; its table
 * 1248 rows of 184 columns in 553 cards.
 */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertShortUsageError(Run run, String expected) {
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.errLines().size() <= 3, "at most three lines:\n" + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace:\n" + run.err());
        assertFalse(run.err().contains("Usage:"), "no help text:\n" + run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "info", "header"})
    void badNumbersShouldBeShortUsageErrors(String command) {
        assertShortUsageError(run(command, "--concurrency=0", "x.fits"), "--concurrency must be at least 1 (was 0)");
        assertShortUsageError(run(command, "--read-ahead=0", "x.fits"), "--read-ahead must be at least 2880");
        assertShortUsageError(run(command, "--concurrency=many", "x.fits"), "'many' is not an int");
        assertShortUsageError(run(command, "@" + dir.resolve("missing.txt")), "cannot read the list");
    }

    @Test
    void unknownOptionsMissingArgumentsAndNoCommandShouldBeShortUsageErrors() {
        assertShortUsageError(run("scan", "--no-such-option", "x.fits"), "Unknown option: '--no-such-option'");
        assertShortUsageError(run("scan"), "Missing required parameter");
        assertShortUsageError(run(), "a command is required");
        assertShortUsageError(run("scna", "x.fits"), "Unmatched argument");
        assertShortUsageError(run("scan", "--format", "xml", "x.fits"), "--format must be jsonl, csv or table");
    }

    @Test
    void unwritableOutShouldBeAOneLineError() {
        Run run = run("scan", "--out", dir.resolve("no/such/dir/x.jsonl").toString(), "x.fits");
        assertShortUsageError(run, "--out: cannot write");
        assertTrue(run.err().contains("no such file or directory"), run.err());
    }

    @Test
    void helpShouldBeACommandAndAnOption() {
        Run help = run("help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Commands:") && help.out().contains("info") && help.out().contains("header"), help.out());
        Run helpScan = run("help", "scan");
        assertEquals(0, helpScan.exit());
        assertTrue(helpScan.out().contains("--order"), helpScan.out());
        assertEquals(0, run("info", "--help").exit());
    }

    @Test
    void aDirectoryShouldBeReadRecursivelyAndAQuotedGlobExpanded() throws Exception {
        Path sector = Files.createDirectories(dir.resolve("s0022/cam1"));
        TessFiles.writeFfi(sector.resolve("b-ffic.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        TessFiles.writeFfi(dir.resolve("s0022/a-ffic.fits"), 1, 2, TessFiles.FfiVariant.NO_WCS);
        Files.writeString(dir.resolve("s0022/.checkpoint"), "hidden: skipped");

        Run all = run("scan", "--format", "csv", "--no-summary", dir.resolve("s0022").toString());
        assertEquals(0, all.exit(), all.err());
        assertEquals(1 + 6, all.out().lines().count(), "a header row and three HDUs per FFI:\n" + all.out());

        Run glob = run("info", dir + "/s0022/*/*.fits");
        assertEquals(0, glob.exit(), glob.err());
        assertTrue(glob.out().startsWith("Filename: " + sector.resolve("b-ffic.fits")), glob.out());
        assertEquals(1, glob.out().lines().filter(l -> l.startsWith("Filename:")).count());

        Run none = run("scan", "--no-summary", dir + "/s0022/*.nothing");
        assertEquals(1, none.exit());
        assertTrue(none.out().contains("no object matches"), none.out());
    }

    @Test
    void orderInputShouldKeepTheInputOrderWhereCompletionOrderDoesNot() throws Exception {
        TessFiles.writeCube(dir.resolve("slow-cube.fits"), 22, 1, 1, 1248);
        Path fast1 = TessFiles.writeFfi(dir.resolve("fast-1.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path fast2 = TessFiles.writeFfi(dir.resolve("fast-2.fits"), 1, 2, TessFiles.FfiVariant.STANDARD);
        try (RangeFileServer server = RangeFileServer.serving(dir);
             FaultProxy slow = new FaultProxy(server.url(""), n -> FaultProxy.Action.delay(Duration.ofMillis(700)))) {
            String[] inputs = {slow.url("slow-cube.fits"), fast1.toString(), fast2.toString()};

            List<String> byCompletion = fileColumn(run(concat(new String[] {"scan", "--format", "csv", "--no-summary"}, inputs)));
            List<String> byInput = fileColumn(run(concat(new String[] {"scan", "--format", "csv", "--no-summary",
                    "--order", "input"}, inputs)));

            assertEquals("slow-cube.fits", byCompletion.get(2), "the slow file completes last");
            assertEquals(List.of("slow-cube.fits", "fast-1.fits", "fast-2.fits"), byInput);
        }
    }

    private static List<String> fileColumn(Run run) {
        assertEquals(0, run.exit(), run.err());
        return run.out().lines().skip(1).map(l -> l.substring(l.lastIndexOf('/', l.indexOf(',')) + 1, l.indexOf(',')))
                .distinct().toList();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aResumedCsvShouldHaveOneHeaderRow() throws Exception {
        Path first = TessFiles.writeFfi(dir.resolve("one.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path second = TessFiles.writeFfi(dir.resolve("two.fits"), 1, 2, TessFiles.FfiVariant.STANDARD);
        Path out = dir.resolve("out.csv");
        Path checkpoint = dir.resolve("done.txt");
        assertEquals(0, run("scan", "--format", "csv", "--checkpoint", checkpoint.toString(), "--out", out.toString(),
                first.toString()).exit());

        Run resumed = run("scan", "--format", "csv", "--checkpoint", checkpoint.toString(), "--out", out.toString(),
                first.toString(), second.toString());

        assertEquals(0, resumed.exit(), resumed.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("uri,")).count(), String.join("\n", lines));
        assertEquals(1 + 3 + 3, lines.size(), String.join("\n", lines));
    }

    @Test
    void keywordWildcardsShouldFillTheirColumnAndUnknownKeywordsBeNamed() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 3, 2, 1248);

        Run run = run("scan", "--format", "csv", "--no-summary", "--keywords", "NAXIS*,NO_SUCH", cube.toString());

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).endsWith(",naxis,NAXIS*,NO_SUCH,error"), lines.get(0));
        assertTrue(lines.get(2).contains(",NAXIS=4; NAXIS1=2; NAXIS2=1248; NAXIS3=2136; NAXIS4=2078,"), lines.get(2));
        assertTrue(run.err().contains("warning: --keywords: no HDU has a card NO_SUCH"), run.err());
        assertFalse(run.err().contains("NAXIS*"), run.err());
    }

    @Test
    void flagsThatDoNotApplyToTheFormatShouldBeNamed() throws Exception {
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Run csv = run("scan", "--format", "csv", "--cards", "--stats", "--no-summary", ffi.toString());
        assertTrue(csv.err().contains("warning: --cards applies to --format jsonl only"), csv.err());
        assertTrue(csv.err().contains("warning: --stats applies to --format jsonl only"), csv.err());
        Run jsonl = run("scan", "--keywords", "SECTOR", "--no-summary", ffi.toString());
        assertTrue(jsonl.err().contains("warning: --keywords applies to --format csv and table only"), jsonl.err());
        assertEquals(0, jsonl.exit());
    }

    @Test
    void summaryShouldRoundPercentagesAndPriceOnlyNetworkReads() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, 1248);
        Run local = run("scan", "--format", "csv", cube.toString());
        // 131,072 bytes read of 44,316,717,120: 0.000295764...%, two significant digits
        assertTrue(local.err().contains("(0.0003%)"), local.err());
        assertFalse(local.err().contains("USD"), "no cost for a local file:\n" + local.err());

        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            Run remote = run("scan", "--format", "csv", server.url("cube.fits"), cube.toString());
            // over the network: 2 GETs and 131,072 bytes; downloading: 1 GET and 44.3 GB at USD 0.09 per GB
            assertTrue(remote.err().contains("Estimated cost of the 1 files read over the network"), remote.err());
            assertTrue(remote.err().contains("downloading them whole USD 3.99"), remote.err());
        }
    }

    @Test
    void infoShouldSummariseOverHttpS3AndGzip() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 4, 4, 1248);
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path gz = dir.resolve("ffi.fits.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(ffi, out);
        }
        String cubeRows = String.join("\n",
                "  0  PRIMARY       1 PrimaryHDU      32   ()      ",
                "  1                1 ImageHDU         9   (2, 1248, 2136, 2078)   float32   ",
                "  2  name of extension  extension version number (not format version) BinTableHDU    553   1248R x 184C   [");
        try (RangeFileServer server = RangeFileServer.serving(dir);
             S3ProxyServer s3 = S3ProxyServer.filesystem(Files.createDirectories(dir.resolve("s3"))).anonymous().start()) {
            TessFiles.writeCube(s3.placeFile("tess", "cube.fits"), 22, 4, 4, 1248);
            Run http = run("info", server.url("cube.fits"));
            Run overS3 = run("info", "--anonymous", "--endpoint", s3.endpoint().toString(), "s3://tess/cube.fits");
            Run gzip = run("info", gz.toString());

            assertEquals(0, http.exit(), http.err());
            assertTrue(http.out().contains(cubeRows), http.out());
            assertTrue(http.out().startsWith("Filename: " + server.url("cube.fits") + "\n"), http.out());
            assertEquals(0, overS3.exit(), overS3.err());
            assertTrue(overS3.out().contains(cubeRows), overS3.out());
            assertEquals(0, gzip.exit(), gzip.err());
            assertTrue(gzip.out().contains("  1  CAMERA.CCD 1.1 cal    1 ImageHDU       183   (2136, 2078)   float32   "),
                    gzip.out());
        }
    }

    @Test
    void headerShouldPrintTheChosenHduAndKeywordsAndReadNoFurther() throws Exception {
        TessFiles.writeCube(dir.resolve("cube.fits"), 22, 4, 4, 1248);
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            Run primary = run("header", "--hdu", "0", "--keyword", "NAXIS*", "-k", "sector", server.url("cube.fits"));
            assertEquals(0, primary.exit(), primary.err());
            assertEquals(1, server.requests().size(), "HDU 0 needs the first read only");
            assertEquals(List.of("# HDU 0 in " + server.url("cube.fits") + ":",
                    "NAXIS   =                    0 / number of array dimensions                     ",
                    "SECTOR  =                   22 / Observing sector                               "),
                    primary.out().lines().toList());

            Run image = run("header", "-e", "1", "-k", "NAXIS?", server.url("cube.fits"));
            assertEquals(List.of("NAXIS1  =                    2                                                  ",
                    "NAXIS2  =                 1248                                                  ",
                    "NAXIS3  =                 2136                                                  ",
                    "NAXIS4  =                 2078                                                  "),
                    image.out().lines().skip(1).toList());

            Run missing = run("header", "--hdu", "7", server.url("cube.fits"));
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("no HDU 7"), missing.err());
        }
    }

    @Test
    void noSecretOfAUriShouldAppearInAnyOutputOrTheCheckpointUnlessAskedFor() throws Exception {
        TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            String secretUri = server.url("ffi.fits").replace("http://", "http://reader:PASSWORD-1@")
                    + "?X-Amz-Credential=CREDENTIAL-2&X-Amz-Signature=SIGNATURE-3&plain=visible";
            Path checkpoint = dir.resolve("done.txt");
            List<Run> runs = List.of(
                    run("scan", "--stats", "--cards", "--data-refs", "--checkpoint", checkpoint.toString(), secretUri),
                    run("scan", "--format", "csv", secretUri),
                    run("scan", "--format", "table", secretUri),
                    run("info", secretUri),
                    run("header", "--hdu", "0", secretUri),
                    run("scan", "--stats", secretUri.replace("ffi.fits", "missing.fits")),
                    run("get", "--stats", "--hdu", "1", "-o", dir.resolve("got.fits").toString(), secretUri),
                    run("get", "--range", "0-99", "-o", dir.resolve("part.bin").toString(), secretUri.replace("ffi.fits", "missing.fits")),
                    run("verify", secretUri),
                    run("cutout", secretUri, "--hdu", "1", "--section", "0:10,0:10", "--stats", "-o",
                            dir.resolve("cut.fits").toString()),
                    run("index", "--catalog", dir.resolve("c.duckdb").toString(), secretUri),
                    run("query", "--catalog", dir.resolve("c.duckdb").toString(), "SELECT uri FROM files"));
            String checkpointText = Files.readString(checkpoint)
                    + new String(Files.readAllBytes(dir.resolve("got.fits")), java.nio.charset.StandardCharsets.ISO_8859_1)
                    + new String(Files.readAllBytes(dir.resolve("cut.fits")), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (Run r : runs) {
                for (String secret : List.of("PASSWORD-1", "CREDENTIAL-2", "SIGNATURE-3")) {
                    assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " in:\n" + r.out() + r.err());
                    assertFalse(checkpointText.contains(secret), secret + " in the checkpoint or a written file");
                }
            }
            assertTrue(runs.get(0).out().contains("plain=visible") && runs.get(0).out().contains("X-Amz-Signature=****"),
                    runs.get(0).out());
            assertTrue(checkpointText.contains("X-Amz-Signature=****"), checkpointText);

            Run exact = run("scan", "--no-redact", "--format", "csv", secretUri);
            assertTrue(exact.out().contains("SIGNATURE-3") && exact.out().contains("PASSWORD-1"), exact.out());
        }
    }

    @Test
    void aStallPastTheReadTimeoutShouldBeRetriedToTheRightHeaders() throws Exception {
        TessFiles.writeFfi(dir.resolve("stalled-once.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        try (RangeFileServer server = RangeFileServer.serving(dir);
             FaultProxy stalled = new FaultProxy(server.url(""),
                     n -> n == 0 ? FaultProxy.Action.stallBody(Duration.ofSeconds(20)) : FaultProxy.Action.FORWARD)) {
            long start = System.nanoTime();
            Run run = run("scan", "--no-summary", "--read-timeout", "300ms", stalled.url("stalled-once.fits"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(0, run.exit(), run.err());
            assertEquals(3, run.out().lines().filter(l -> l.contains("\"type\":\"hdu\"")).count(), run.out());
            assertTrue(millis < 10_000, "the 300 ms read time-out ended the stalled answer, not the 20 s stall: " + millis + " ms");
        }
        assertShortUsageError(run("scan", "--read-timeout", "0s", "x.fits"), "'0s' is not a positive duration");
    }

    @Test
    void aDrippingServerShouldCostNoMoreThanTheFileTimeout() throws Exception {
        TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        try (RangeFileServer server = RangeFileServer.serving(dir);
             FaultProxy stalled = new FaultProxy(server.url(""), n -> FaultProxy.Action.stallBody(Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            Run run = run("scan", "--stats", "--no-summary", "--file-timeout", "1s", stalled.url("ffi.fits"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(1, run.exit(), run.err());
            assertTrue(run.out().contains("\"error\":\"DeadlineExceededException\""), run.out());
            assertTrue(millis < 10_000, "ended by the 1 s deadline, not the 20 s stall: " + millis + " ms");
        }
        assertShortUsageError(run("scan", "--file-timeout", "soon", "x.fits"), "'soon' is not a duration");
    }
}

package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.astrocloud.fits.data.DownloadResult;
import org.astrocloud.fits.data.Downloads;
import org.astrocloud.fits.data.HduSelection;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fits-scan get} end to end over HTTP (a local range server, a fault proxy in front of it
 * to cut transfers), judged by astropy (HDUs), by the files' own bytes (ranges, whole objects) and
 * by what the server was asked for (never more bytes than written).
 */
class GetCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATS = Pattern.compile("(\\d+) bytes in .* \\((\\d+) written by this run\\); (\\d+) requests, (\\d+) bytes read");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        /** bytes in the output, written by this run, requests, bytes read: from --stats. */
        long[] stats() {
            Matcher m = STATS.matcher(err);
            assertTrue(m.find(), err);
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))};
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A file of {@code size} random bytes (whole objects and ranges need no FITS). */
    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** The bytes a range server sent for the requests it logged: each Range clipped to the file's size. */
    private static long served(List<RangeFileServer.Request> requests, long size) {
        long total = 0;
        for (RangeFileServer.Request r : requests) {
            Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(r.range() == null ? "" : r.range());
            if (m.matches() && Long.parseLong(m.group(1)) < size) {
                long last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                total += last - Long.parseLong(m.group(1)) + 1;
            }
        }
        return total;
    }

    @ParameterizedTest(name = "--hdu {0}")
    @CsvSource({"0, 0", "PRIMARY, 0", "1, 1", "SCI, 1", "EVENTS, 2", "'SCI,2', 3", "3, 3"})
    void anHduShouldOpenInAstropyWithTheOriginalsCardsAndData(String hdu, int index) throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        Path www = Files.createDirectory(dir.resolve("www"));
        Path original = www.resolve("multi.fits");
        Astropy.run(dir, "astropy_get.py", List.of("write", original.toString()), Duration.ofSeconds(120));
        Path out = dir.resolve("hdu.fits");
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            Run run = run("get", "--hdu", hdu, "-o", out.toString(), "--stats", server.url("multi.fits"));

            assertEquals(0, run.exit(), run.err());
            JsonNode judged = JSON.readTree(Astropy.run(dir, "astropy_get.py",
                    List.of("compare", original.toString(), Integer.toString(index), out.toString()), Duration.ofSeconds(120)));
            assertTrue(judged.get("cards").asBoolean(), judged::toString);
            assertTrue(judged.get("data").asBoolean(), judged::toString);
            assertTrue(judged.get("simple").asBoolean(), judged::toString);
            if (index == 0) {
                assertEquals(1, judged.get("hdus").asInt(), judged::toString);
            } else {
                assertEquals(2, judged.get("hdus").asInt(), judged::toString);
                assertEquals(0, judged.get("primaryNaxis").asInt(), judged::toString);
                assertTrue(judged.get("extend").asBoolean(), judged::toString);
            }
            assertFalse(Files.exists(dir.resolve("hdu.fits.part")));
            assertFalse(Files.exists(dir.resolve("hdu.fits.part.json")));
            long[] stats = run.stats();
            assertEquals(Files.size(out), stats[0]);
            assertEquals(served(server.requests(), Files.size(original)), stats[3], "what the source counted is what the server sent");
        }
    }

    @Test
    void aLastHduWithoutItsPaddingShouldBePaddedWithZeros() throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        Path padded = dir.resolve("padded.fits");
        Astropy.run(dir, "astropy_get.py", List.of("write", padded.toString()), Duration.ofSeconds(120));
        Path www = Files.createDirectory(dir.resolve("www"));
        byte[] all = Files.readAllBytes(padded);
        // the last HDU is 5 x 8 int32: 160 bytes of data, the rest of its last block padding
        int cut = all.length - 2880 + 160;
        Files.write(www.resolve("cut.fits"), Arrays.copyOf(all, cut));
        Path out = dir.resolve("last.fits");
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            Run run = run("get", "--hdu", "3", "-o", out.toString(), "--stats", server.url("cut.fits"));

            assertEquals(0, run.exit(), run.err());
            assertEquals(0, Files.size(out) % 2880);
            byte[] got = Files.readAllBytes(out);
            assertArrayEquals(new byte[2880 - 160], Arrays.copyOfRange(got, got.length - 2880 + 160, got.length));
            JsonNode judged = JSON.readTree(Astropy.run(dir, "astropy_get.py",
                    List.of("compare", padded.toString(), "3", out.toString()), Duration.ofSeconds(120)));
            assertTrue(judged.get("cards").asBoolean() && judged.get("data").asBoolean(), judged::toString);
            assertEquals(got.length - 2880 - (2880 - 160), run.stats()[3] - served(server.requests().subList(0,
                    server.requests().size() - 1), cut), "the data read once, the padding not at all");
        }
    }

    @Test
    void aRangeShouldBeExactlyItsBytesAndReadNoMore() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Path file = randomFile("www/blob.bin", 3_000_000, 1);
        byte[] all = Files.readAllBytes(file);
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            Path out = dir.resolve("range.bin");
            Run run = run("get", "--range", "1000-2500000", "-o", out.toString(), "--stats", server.url("blob.bin"));
            assertEquals(0, run.exit(), run.err());
            assertArrayEquals(Arrays.copyOfRange(all, 1000, 2_500_001), Files.readAllBytes(out));
            assertEquals(2_499_001, run.stats()[3]);
            assertEquals(2_499_001, served(server.requests(), all.length));

            Path tail = dir.resolve("tail.bin");
            Run toEnd = run("get", "--range", "2999000-", "-o", tail.toString(), "--stats", server.url("blob.bin"));
            assertEquals(0, toEnd.exit(), toEnd.err());
            assertArrayEquals(Arrays.copyOfRange(all, 2_999_000, all.length), Files.readAllBytes(tail));
            assertEquals(1000, toEnd.stats()[3]);
        }
    }

    @Test
    void theLibraryShouldReadFromTheSourceExactlyTheBytesItWrites() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Path file = randomFile("www/blob.bin", 2_500_000, 2);
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            Path out = dir.resolve("whole.bin");
            List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            DownloadResult whole = Downloads.create().get(URI.create(server.url("blob.bin")))
                    .onProgress(p -> progress.add(p.done()))
                    .writeTo(out).block(Duration.ofSeconds(60));

            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
            assertEquals(2_500_000, whole.size());
            assertEquals(whole.size(), whole.bytesRead(), "the source's ReadStats");
            assertEquals(whole.size(), served(server.requests(), 2_500_000), "the server's log");
            assertEquals(2_500_000, whole.objectSize());
            assertEquals(2_500_000L, progress.get(progress.size() - 1));

            DownloadResult range = Downloads.create().get(URI.create(server.url("blob.bin"))).range(ByteRange.of(7, 1_234_567))
                    .writeTo(dir.resolve("range.bin")).block(Duration.ofSeconds(60));
            assertEquals(1_234_567, range.size());
            assertEquals(range.size(), range.bytesRead());
        }
    }

    @Test
    void aCutTransferShouldResumeReadingTheObjectAboutOnce() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        int size = 5_000_000;
        Path file = randomFile("www/big.bin", size, 3);
        AtomicBoolean broken = new AtomicBoolean(true);
        try (RangeFileServer server = RangeFileServer.serving(www);
             FaultProxy proxy = new FaultProxy("http://127.0.0.1:" + server.port(), n -> !broken.get() ? FaultProxy.Action.FORWARD
                     : n == 0 ? FaultProxy.Action.truncateAfter(1_300_000) : FaultProxy.Action.status(403, Map.of()))) {
            // one streamed GET per download: the proxy cuts it part way, the retry's resumed GET gets a 403
            Path out = dir.resolve("big.bin");
            String uri = proxy.url("big.bin?X-Amz-Signature=sekrit");

            Run cut = run("get", "-o", out.toString(), "--stats", uri);
            assertEquals(1, cut.exit(), cut.err());
            assertTrue(Files.exists(dir.resolve("big.bin.part")));
            String sidecar = Files.readString(dir.resolve("big.bin.part.json"));
            assertFalse(sidecar.contains("sekrit"), sidecar);
            assertFalse(cut.err().contains("sekrit"), cut.err());
            long firstRun = served(server.requests(), size);
            long part = Files.size(dir.resolve("big.bin.part"));
            assertTrue(part > 0 && part <= 1_300_000, "the part holds what arrived before the cut: " + part);

            broken.set(false);
            Run resumed = run("get", "-o", out.toString(), "--stats", uri);
            assertEquals(0, resumed.exit(), resumed.err());
            assertTrue(resumed.err().contains("resumed " + out + " at byte " + part), resumed.err());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
            assertFalse(Files.exists(dir.resolve("big.bin.part")));
            assertFalse(Files.exists(dir.resolve("big.bin.part.json")));
            long[] stats = resumed.stats();
            assertEquals(size - part, stats[1]);
            assertEquals(stats[1], stats[3], "the second run reads only what it writes");
            long total = served(server.requests(), size);
            assertEquals(size - part, total - firstRun);
            // (the server's log counts the whole first GET, which the proxy cut at the part's length: what
            // crossed the wire was the part once, then the rest once)
        }
    }

    @Test
    void aChangedObjectShouldStartOverAndSaySo() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Path file = randomFile("www/big.bin", 3_000_000, 4);
        AtomicBoolean broken = new AtomicBoolean(true);
        try (RangeFileServer server = RangeFileServer.serving(www);
             FaultProxy proxy = new FaultProxy("http://127.0.0.1:" + server.port(),
                     n -> !broken.get() ? FaultProxy.Action.FORWARD : n == 0 ? FaultProxy.Action.truncateAfter(1_100_000)
                             : FaultProxy.Action.status(403, Map.of()))) {
            Path out = dir.resolve("big.bin");
            assertEquals(1, run("get", "-o", out.toString(), proxy.url("big.bin")).exit());
            long part = Files.size(dir.resolve("big.bin.part"));
            assertTrue(part > 0 && part <= 1_100_000, "part: " + part);

            byte[] changed = Arrays.copyOf(Files.readAllBytes(file), 3_000_100);
            Files.write(file, changed);
            broken.set(false);
            Run again = run("get", "-o", out.toString(), "--stats", proxy.url("big.bin"));

            assertEquals(0, again.exit(), again.err());
            assertTrue(again.err().contains("changed since the part was written") && again.err().contains("started over"),
                    again.err());
            assertArrayEquals(changed, Files.readAllBytes(out));
            assertEquals(changed.length, again.stats()[1]);
        }
    }

    @Test
    void theFrameTableOfTheSector22CubeShouldCostAboutItsOwnBytes() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Path cube = TessFiles.writeCube(www.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        long tableOffset = 44_315_069_760L;
        long tableBytes = Files.size(cube) - tableOffset;
        Path out = dir.resolve("table.fits");
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            DownloadResult r = Downloads.create().get(URI.create(server.url("tess-s0022-4-4-cube.fits")))
                    .hdu(HduSelection.index(2)).writeTo(out).block(Duration.ofSeconds(120));

            assertEquals(2880 + tableBytes, r.size());
            assertTrue(r.bytesRead() < tableBytes + 200_000, r.bytesRead() + " bytes read for a table of " + tableBytes);
            assertEquals(served(server.requests(), Files.size(cube)), r.bytesRead());
        }
        byte[] expected = new byte[(int) tableBytes];
        try (FileChannel ch = FileChannel.open(cube)) {
            ch.read(ByteBuffer.wrap(expected), tableOffset);
        }
        byte[] got = Files.readAllBytes(out);
        assertArrayEquals(expected, Arrays.copyOfRange(got, 2880, got.length));
        assertTrue(new String(got, 0, 2880, java.nio.charset.StandardCharsets.US_ASCII)
                .matches("SIMPLE  =                    T.*BITPIX  =                    8.*NAXIS   =                    0"
                        + ".*EXTEND  =                    T.*END {77} *"), "the primary stub");
    }

    @Test
    void badArgumentsShouldBeUsageErrors() throws Exception {
        Path file = randomFile("small.bin", 23_040, 5);
        String path = file.toString();
        assertUsage(run("get", "--hdu", "1", "--range", "0-9", "-o", dir.resolve("x").toString(), path), "together");
        assertUsage(run("get", "--range", "10-5", "-o", dir.resolve("x").toString(), path), "reversed");
        assertUsage(run("get", "--range", "ten", "-o", dir.resolve("x").toString(), path), "A-B");
        assertUsage(run("get", "--range", "0-23040", "-o", dir.resolve("x").toString(), path), "which has 23040 bytes");
        assertUsage(run("get", "--range", "30000-", "-o", dir.resolve("x").toString(), path), "which has 23040 bytes");
        assertUsage(run("get", "--range", "30000-30010", "-o", dir.resolve("x").toString(), path), "which has 23040 bytes");
        assertFalse(Files.exists(dir.resolve("x")));
        assertUsage(run("get", "-o", path, path), "is the file being downloaded");
        assertEquals(23_040, Files.size(file));
    }

    @Test
    void anHduTheFileLacksShouldFailTheDownload() throws Exception {
        Path fits = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Run run = run("get", "--hdu", "NOPE", "-o", dir.resolve("x.fits").toString(), fits.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("HduNotFoundException: no HDU NOPE"), run.err());
        assertFalse(Files.exists(dir.resolve("x.fits")));
    }

    private static void assertUsage(Run run, String message) {
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }

    @Test
    void aGzipFileShouldRefuseAnHduButDownloadItsStoredBytes() throws Exception {
        Path fits = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path gz = dir.resolve("ffi.fits.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(fits, o);
        }
        Run hdu = run("get", "--hdu", "1", "-o", dir.resolve("x.fits").toString(), gz.toString());
        assertEquals(1, hdu.exit(), hdu.err());
        assertTrue(hdu.err().contains("CompressedHduException") && hdu.err().contains("gzip"), hdu.err());

        Path whole = dir.resolve("copy.fits.gz");
        Run run = run("get", "-o", whole.toString(), gz.toString());
        assertEquals(0, run.exit(), run.err());
        assertArrayEquals(Files.readAllBytes(gz), Files.readAllBytes(whole));
    }

    @Test
    void aDashShouldWriteToStandardOutput() throws Exception {
        Path file = randomFile("small.bin", 100_000, 6);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        Run run;
        System.setOut(new PrintStream(captured, true));
        try {
            run = run("get", "--range", "10-29", "-o", "-", file.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, run.exit(), run.err());
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(file), 10, 30), captured.toByteArray());
    }
}

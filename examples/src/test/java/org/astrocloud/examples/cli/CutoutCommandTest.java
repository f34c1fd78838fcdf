package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.testdata.TessCubeContent;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fits-scan cutout} as a user meets it: a TESS target-pixel file cut from a full-size sparse
 * cube over HTTP in one round of requests (counted by the server: 2 for the headers, 30 for the
 * rows, 1 for the frame table, and {@code --stats} says so); image sections whose output astropy
 * reads as its own {@code hdu.data[section]} with the WCS that astropy's {@code Cutout2D} and
 * {@code WCS.slice} compute ({@code astropy_section.py} makes the images and judges); short usage
 * errors (exit 2) and failures (exit 1).
 */
class CutoutCommandTest {
    private static final Pattern STATS = Pattern.compile("stats: (\\d+) requests, (\\d+) bytes read");

    @TempDir
    static Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertUsageError(Run run, String expected) {
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().lines().count() <= 3, run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Usage:"), run.err());
    }

    @BeforeAll
    static void cube() {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
        TessCubeContent.writeRows(cube, TessFiles.SECTOR_22_FFIS, i -> TessCubeContent.frame(22, 1, 1, i));
        TessCubeContent.writeBox(cube, TessFiles.SECTOR_22_FFIS, 986, 1030, 30, 30, (r, c, f, p) -> r + c / 4096f + p);
    }

    @Test
    void aTpfOverHttpIsOneRoundOfRequestsAndStatsSaySo() throws Exception {
        Path out = dir.resolve("tpf.fits");
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            Run run = run("cutout", server.url("tess-s0022-1-1-cube.fits"), "--pixel", "1045,1001", "--size", "30x30",
                    "-o", out.toString(), "--stats");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("30x30 pixels x 1248 frames from column 1030, row 986 -> " + out), run.out());
            Matcher stats = STATS.matcher(run.out());
            assertTrue(stats.find(), run.out());
            int requests = server.requests().size();
            assertEquals(requests, Integer.parseInt(stats.group(1)), server.requests().toString());
            assertEquals(2 + 30 + 1, requests, server.requests().toString());
            long pixelsAndTable = 30L * 30 * 9_984 + 1_599_936;
            long read = Long.parseLong(stats.group(2));
            assertTrue(read >= pixelsAndTable && read <= 1.05 * pixelsAndTable, read + " bytes");
        }
        byte[] file = Files.readAllBytes(out);
        assertEquals("SIMPLE  =                    T", new String(file, 0, 30, StandardCharsets.US_ASCII));
        assertEquals(0, file.length % 2880);
    }

    @Test
    void sectionsAreWhatAstropyCutsWithTheWcsOfCutout2d() throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        Path images = Files.createDirectories(dir.resolve("images"));
        Astropy.run(images, "astropy_section.py", List.of("make", images.toString()), Duration.ofSeconds(120));
        String scaled = images.resolve("scaled.fits").toString();
        String cube = images.resolve("cube.fits").toString();
        List<Map<String, Object>> cases = new ArrayList<>();
        Object[][] wanted = {
            {scaled, 1, "10:30,5:45"},
            {scaled, 1, "0:7,60:"},
            {scaled, 1, "-20:,-30:-2"},
            {scaled, 1, "2:50,3:4"},
            {cube, 0, "1:4,10:30,5:45"},
            {cube, 0, "2,10:30,5:45"},
            {cube, 0, ":,1:39:3,0:50:2"},
        };
        for (Object[] w : wanted) {
            Path out = images.resolve("cut-" + cases.size() + ".fits");
            Run run = run("cutout", (String) w[0], "--hdu", w[1].toString(), "--section", (String) w[2], "-o", out.toString(),
                    "--stats");
            assertEquals(0, run.exit(), run.err());
            assertTrue(STATS.matcher(run.out()).find(), run.out());
            cases.add(Map.of("original", w[0], "hdu", w[1], "section", w[2], "cutout", out.toString()));
        }
        Path json = images.resolve("cases.json");
        new ObjectMapper().writeValue(json.toFile(), cases);
        String found = Astropy.run(images, "astropy_section.py", List.of("check", json.toString()), Duration.ofSeconds(120));
        assertEquals(wanted.length, found.lines().count(), found);
        assertTrue(found.contains("\"cutout2d\""), found);
    }

    @Test
    void aStepOnAnImageWithSipIsRefused() throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        Path images = Files.createDirectories(dir.resolve("sip"));
        Astropy.run(images, "astropy_section.py", List.of("make", images.toString()), Duration.ofSeconds(120));
        Run run = run("cutout", images.resolve("scaled.fits").toString(), "--hdu", "SCI", "--section", "0:20:2,0:20",
                "-o", images.resolve("x.fits").toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("distortion terms (A_ORDER)"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--section|1:2:3:4|--section: not a section '1:2:3:4': too many colons",
        "--section|a:b|--section: not a section 'a:b'",
        "--section|0:10:0|the step must be at least 1",
        "--pixel|10|--pixel must be COL,ROW",
        "--pixel|1.5,2|--pixel must be COL,ROW",
    })
    void badValuesAreShortUsageErrors(String option, String value, String expected) {
        assertUsageError(run("cutout", "x.fits", option, value, "-o", dir.resolve("x.fits").toString()), expected);
    }

    @Test
    void modesAreUsageErrorsWhenMixedOrMissing() {
        String out = dir.resolve("x.fits").toString();
        assertUsageError(run("cutout", "x.fits", "-o", out), "give either --pixel");
        assertUsageError(run("cutout", "x.fits", "--pixel", "1,2", "--section", "0:1", "-o", out), "give either --pixel");
        assertUsageError(run("cutout", "x.fits", "--pixel", "1,2", "--hdu", "1", "-o", out), "--hdu goes with --section");
        assertUsageError(run("cutout", "x.fits", "--pixel", "1,2", "--size", "0x3", "-o", out), "at least 1 x 1 pixels");
        assertUsageError(run("cutout", "x.fits", "--pixel", "1,2", "--size", "big", "-o", out), "--size must be WxH");
        assertUsageError(run("cutout", "x.fits", "--pixel", "1,2"), "Missing required option: '--output=FILE'");
    }

    @Test
    void cutoutsThatCannotBeMadeFailWithExitOne() {
        String cube = dir.resolve("tess-s0022-1-1-cube.fits").toString();
        String out = dir.resolve("fail.fits").toString();
        Run off = run("cutout", cube, "--pixel", "9000,10", "--size", "5", "-o", out);
        assertEquals(1, off.exit(), off.err());
        assertTrue(off.err().contains("lies outside the CCD"), off.err());
        Run table = run("cutout", cube, "--hdu", "2", "--section", "0:10", "-o", out);
        assertEquals(1, table.exit(), table.err());
        assertTrue(table.err().contains("HDU 2 is a BINTABLE, not an image"), table.err());
        Run index = run("cutout", cube, "--hdu", "1", "--section", "5000,0", "-o", out);
        assertEquals(1, index.exit(), index.err());
        assertTrue(index.err().contains("index 5000 is out of bounds for axis 0 of size 2078"), index.err());
        Run missing = run("cutout", dir.resolve("none.fits").toString(), "--pixel", "1,1", "-o", out);
        assertEquals(1, missing.exit(), missing.err());
        assertFalse(Files.exists(dir.resolve("fail.fits")));
    }
}

package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.astrocloud.fits.testkit.AstropyRunner;
import org.astrocloud.fits.testkit.NomTamCorpus;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fits-scan info} and {@code fits-scan header} print what astropy's {@code fitsinfo} and
 * {@code fitsheader --compressed} print, line for line, on synthetic TESS files and the nom-tam-fits
 * corpus (every BITPIX, every extension type, random groups, tile compression, CONTINUE, HIERARCH,
 * many HDUs). {@code astropy_tools.py} runs both astropy tools once for the whole corpus.
 *
 * <p>Two differences are by design and normalised here: {@code fitsheader} prints a long string and
 * its CONTINUE cards as one line of 160 or more columns where we print one 80-column line per card
 * as stored (the lines are split before comparing), and {@code fitsinfo}'s Cards of a
 * tile-compressed image counts the header astropy makes for the decompressed image, where ours
 * counts the header as stored (that count is left out of the comparison).
 *
 * <p>Where astropy itself fails, the test says so and checks that it fails exactly there (the list
 * cannot grow silently): {@code fitsinfo} raises {@code KeyError: 'PTYPE1'} on a random-groups file
 * without PTYPEn cards, which FITS 4.0 section 6.1 does not require (they are optional).
 */
class FitsToolsAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static List<Path> files;
    private static JsonNode astropy;

    @BeforeAll
    static void corpus() throws Exception {
        AstropyRunner runner = AstropyRunner.require();
        files = new ArrayList<>();
        Path tess = Files.createDirectory(dir.resolve("tess"));
        files.add(TessFiles.writeCube(tess.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS));
        files.add(TessFiles.writeFfi(tess.resolve("ffic-standard.fits"), 1, 1, TessFiles.FfiVariant.STANDARD));
        files.add(TessFiles.writeFfi(tess.resolve("ffic-nowcs.fits"), 1, 1, TessFiles.FfiVariant.NO_WCS));
        files.addAll(NomTamCorpus.all(Files.createDirectory(dir.resolve("nomtam"))));
        astropy = JSON.readTree(runner.run(FitsToolsAgreementTest.class, "astropy_tools.py", dir,
                files.stream().map(Path::toString).toList(), Duration.ofSeconds(120)));
    }

    /** The files on which an astropy tool raises instead of printing, with what it raises. */
    private static final Map<String, String> ASTROPY_FAILS = Map.of(
            "info nomtam/groups.fits", "KeyError: \"Keyword 'PTYPE1' not found.\"");

    @TestFactory
    Stream<DynamicTest> infoShouldPrintWhatFitsinfoPrints() {
        return compare("info", FitsToolsAgreementTest::withoutCompressedCardCount);
    }

    @TestFactory
    Stream<DynamicTest> headerShouldPrintWhatFitsheaderPrints() {
        return compare("header", FitsToolsAgreementTest::cardPerLine);
    }

    private Stream<DynamicTest> compare(String tool, UnaryOperator<String> normalise) {
        return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> {
            String ours = run(tool, f.toString());
            JsonNode theirs = astropy.get(f.toString());
            String known = ASTROPY_FAILS.get(tool + " " + dir.relativize(f));
            if (known != null || theirs.has(tool + "_error")) {
                assertEquals(known, theirs.path(tool + "_error").asText(null), "astropy fails where the test says");
                return;
            }
            assertEquals(normalise.apply(theirs.get(tool).asText()), normalise.apply(ours));
        }));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, exit, err.toString());
        return out.toString();
    }

    private static String withoutCompressedCardCount(String info) {
        return info.replaceAll("CompImageHDU +\\d+", "CompImageHDU (cards)");
    }

    /** fitsheader's lines of more than 80 columns (a card with its CONTINUE cards) as one line per card. */
    private static String cardPerLine(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() > 80 && !line.startsWith("# HDU")) {
                for (int at = 0; at < line.length(); at += 80) {
                    out.append(line, at, Math.min(line.length(), at + 80)).append('\n');
                }
            } else {
                out.append(line).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }
}

package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.fits.testkit.CardCorpus;
import org.astrocloud.fits.testkit.NomTamCorpus;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fits-scan info} and {@code fits-scan header} print what astropy's {@code fitsinfo} and
 * {@code fitsheader --compressed} print, line for line, on synthetic TESS files, the nom-tam-fits
 * corpus (every BITPIX, every extension type, random groups, tile compression, CONTINUE, HIERARCH,
 * many HDUs) and the card corpus of the card check ({@link CardCorpus}: every card form). {@code astropy_tools.py} runs both astropy tools once for the whole corpus.
 *
 * <p>Two differences are by design and normalised here: {@code fitsheader} prints a long string and
 * its CONTINUE cards as one line of 160 or more columns where we print one 80-column line per card
 * as stored (the lines are split before comparing), and {@code fitsinfo}'s Cards of a
 * tile-compressed image counts the header astropy makes for the decompressed image, where ours
 * counts the header as stored (that count is left out of the comparison).
 *
 * <p>Where astropy itself fails or departs from the standard, the test says so and checks that it
 * does exactly there (the lists cannot grow silently). {@code fitsinfo} raises
 * {@code KeyError: 'PTYPE1'} on a random-groups file without PTYPEn cards, which FITS 4.0 section 6.1
 * does not require. The other differences are those of the card check ({@code CardCorpus}):
 * astropy joins a CONTINUE card that continues no string to the card before it (section 4.2.1.2:
 * such a card stands alone), so it counts fewer cards, and cannot open a file with a CONTINUE after
 * a number at all; and {@code fitsheader} prints a card it finds non-standard (a lower-case
 * exponent, section 4.2.4) as it rewrote it, where we print it as stored.
 */
class FitsToolsAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static List<Path> files;
    private static JsonNode astropy;

    @BeforeAll
    static void corpus() throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        files = new ArrayList<>();
        Path tess = Files.createDirectory(dir.resolve("tess"));
        files.add(TessFiles.writeCube(tess.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS));
        files.add(TessFiles.writeFfi(tess.resolve("ffic-standard.fits"), 1, 1, TessFiles.FfiVariant.STANDARD));
        files.add(TessFiles.writeFfi(tess.resolve("ffic-nowcs.fits"), 1, 1, TessFiles.FfiVariant.NO_WCS));
        files.addAll(NomTamCorpus.all(Files.createDirectory(dir.resolve("nomtam"))));
        files.addAll(CardCorpus.all(Files.createDirectory(dir.resolve("cards"))));
        astropy = JSON.readTree(Astropy.run(dir, "astropy_tools.py", files.stream().map(Path::toString).toList(),
                Duration.ofSeconds(180)));
    }

    /** The files on which an astropy tool raises instead of printing, with what it raises. */
    private static final Map<String, String> ASTROPY_FAILS = Map.of(
            "info nomtam/groups.fits", "KeyError: \"Keyword 'PTYPE1' not found.\"",
            "header cards/hand-orphan-number.fits", "VerifyError: CONTINUE cards must have string values.");

    /** Lines astropy prints differently, by tool and file: its line, then ours. */
    private static final Map<String, List<String>> ASTROPY_DIFFERS = Map.of(
            "header cards/hand-cards.fits", List.of(
                    "EXPLOWE =               2.5E-3" + " ".repeat(50), "EXPLOWE = 2.5e-3" + " ".repeat(64)),
            "info cards/hand-orphans.fits", List.of(
                    "  1  AFTERSTR      1 ImageHDU         7   ()      ", "  1  AFTERSTR      1 ImageHDU         8   ()      ",
                    "  2  AFTERCMT      1 ImageHDU         7   ()      ", "  2  AFTERCMT      1 ImageHDU         8   ()      "),
            "info cards/hand-orphan-number.fits", List.of(
                    "  0  PRIMARY       1 PrimaryHDU       5   ()      ", "  0  PRIMARY       1 PrimaryHDU       6   ()      ",
                    "  1  FIRST         1 ImageHDU         6   ()      ", "  1  FIRST         1 ImageHDU         7   ()      "),
            "info cards/astropy-cards.fits", List.of(
                    "  0  PRIMARY       1 PrimaryHDU      41   ()      ", "  0  PRIMARY       1 PrimaryHDU      43   ()      "));

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
            String expected = theirs.get(tool).asText();
            List<String> differs = ASTROPY_DIFFERS.getOrDefault(tool + " " + dir.relativize(f), List.of());
            for (int i = 0; i < differs.size(); i += 2) {
                String line = differs.get(i);
                assertTrue(expected.contains(line + "\n"), () -> "astropy still prints " + line);
                expected = expected.replace(line + "\n", differs.get(i + 1) + "\n");
            }
            assertEquals(normalise.apply(expected), normalise.apply(ours));
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

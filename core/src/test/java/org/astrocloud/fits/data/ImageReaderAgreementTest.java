package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.testkit.Astropy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image values read by {@link FitsDataReader} equal numpy's. {@code astropy_images.py} writes
 * images of every BITPIX, with and without BZERO/BSCALE/BLANK, and prints for each section the
 * stored values (astropy with {@code do_not_scale_image_data}), the physical values by the FITS
 * rule in float64 ({@code BZERO + BSCALE x stored}, BLANK as NaN), and astropy's scaled data. Each
 * section is read from the plain file and from its gzip copy.
 *
 * <p>Where astropy differs from the rule it is by design, and the test pins it: for 8- and 16-bit
 * images astropy scales in single precision (its values must equal ours rounded to a float, within
 * one float ulp), and an integer image with BLANK but no scaling stays integer in astropy (the
 * BLANK values are kept as stored where we give NaN).
 */
class ImageReaderAgreementTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    record Case(String file, String section, long[] shape, String[] raw, double[] exact, String astropyType,
                double[] astropy) {
    }

    @TestFactory
    Stream<DynamicTest> sectionsEqualNumpys() throws Exception {
        var unavailable = Astropy.unavailable();
        if (unavailable.isPresent()) {
            return Stream.of(unavailable.get());
        }
        String out = Astropy.run(dir, "astropy_images.py", List.of(dir.toString()), Duration.ofSeconds(120));
        List<Case> cases = cases(out);
        assertTrue(cases.size() >= 70, "cases: " + cases.size());
        return cases.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.file() + ".fits [" + c.section() + "]", () -> check(c, c.file() + ".fits")),
                DynamicTest.dynamicTest(c.file() + ".fits.gz [" + c.section() + "]", () -> check(c, c.file() + ".fits.gz"))));
    }

    private static void check(Case c, String name) {
        FitsHeader header = FitsScanner.create().scan(dir.resolve(name).toUri()).elementAt(1).block(TIMEOUT);
        DataReference ref = DataReference.of(header);
        ImageData data = FitsDataReader.create().section(ref, Section.parse(c.section())).block(TIMEOUT);
        assertArrayEquals(c.shape(), data.shape(), "shape");
        assertEquals(c.raw().length, data.size(), "values");
        boolean integer = data.type().isInteger();
        boolean astropyKeepsIntegers = c.astropyType().matches("[<>|][iu]\\d");
        for (int i = 0; i < data.size(); i++) {
            String stored = integer ? Long.toString(data.rawLong(i)) : Double.toString(data.rawDouble(i));
            String expected = integer ? c.raw()[i] : Double.toString(Astropy.pythonFloat(c.raw()[i]));
            assertEquals(expected, stored, "stored value " + i);
            double ours = data.physical(i);
            assertEquals(c.exact()[i], ours, 0.0, "physical value " + i);   // NaN equals NaN here
            double theirs = c.astropy()[i];
            if (c.astropyType().endsWith("f4")) {
                float rounded = (float) ours;
                assertTrue(Float.compare(rounded, (float) theirs) == 0
                                || Math.abs(rounded - (float) theirs) <= Math.ulp((float) theirs),
                        "astropy's float32 value " + i + ": " + theirs + " vs ours " + ours);
            } else if (astropyKeepsIntegers && Double.isNaN(ours)) {
                assertEquals(ref.blank().getAsLong(), (long) theirs, "astropy keeps BLANK as stored, value " + i);
            } else {
                assertEquals(theirs, ours, 0.0, "astropy's value " + i);
            }
        }
    }

    private static List<Case> cases(String out) {
        List<Case> cases = new ArrayList<>();
        String[] lines = out.split("\n");
        for (int i = 0; i + 4 < lines.length; i++) {
            if (!lines[i].startsWith("case ")) {
                continue;
            }
            String[] head = lines[i].split(" ", 3);
            long[] shape = words(lines[i + 1], 1).mapToLong(Long::parseLong).toArray();
            String[] raw = words(lines[i + 2], 1).toArray(String[]::new);
            double[] exact = words(lines[i + 3], 1).mapToDouble(Astropy::pythonFloat).toArray();
            String[] astropy = lines[i + 4].split(" ");
            double[] theirs = words(lines[i + 4], 2).mapToDouble(Astropy::pythonFloat).toArray();
            cases.add(new Case(head[1], head[2], shape, raw, exact, astropy[1], theirs));
        }
        return cases;
    }

    private static Stream<String> words(String line, int skip) {
        return Arrays.stream(line.strip().split(" ")).skip(skip).filter(w -> !w.isEmpty());
    }

}

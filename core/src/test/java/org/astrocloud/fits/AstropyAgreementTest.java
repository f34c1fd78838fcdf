package org.astrocloud.fits;

import static org.astrocloud.fits.testkit.FitsBytes.BLOCK;
import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.data;
import static org.astrocloud.fits.testkit.FitsBytes.gzip;
import static org.astrocloud.fits.testkit.FitsBytes.headerWithNulPadding;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.fits.testkit.NomTamCorpus;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of every HDU agrees with astropy's. For a corpus of synthetic TESS files (a full
 * sector-22 cube, a 15-FFI cube whose image needs no padding, both FFI profiles), every file of
 * {@link NomTamCorpus} and hand-made files that astropy reads despite their faults (trailing zero
 * blocks, a last data unit without its padding, END followed by NULs, and gzip),
 * {@code astropy_layout.py} (a test resource, run once for the whole corpus) reports astropy's
 * {@code hdul.fileinfo(i)} and data sizes. The scanner must find the same number of HDUs and, for
 * each, {@code headerOffset == hdrLoc}, {@code dataOffset == datLoc},
 * {@code paddedDataSize == datSpan}, and {@code dataSize} equal to astropy's unpadded
 * {@code hdu.size} and to its {@code header.data_size} (where that is the size of the stored data
 * unit; see {@link #headerDataSize}). One dynamic test per file.
 *
 * <p>Python with astropy is found at {@code $ASTROPY_PYTHON}, else {@code /usr/bin/python3}. When
 * it cannot import astropy the test is skipped, or fails if the environment variable {@code CI} is
 * set: CI installs astropy, and must not skip this test silently ({@link Astropy}).
 */
class AstropyAgreementTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);
    private static final String SCRIPT = "astropy_layout.py";

    @TempDir
    Path dir;

    /** One file of the corpus. */
    private record Sample(String name, Path file) {
    }

    /** One line {@code HDU} of the script: what astropy says about one HDU. */
    private record AstropyHdu(int index, long hdrLoc, long datLoc, long datSpan, long headerDataSize, long size,
                              String type) {
    }

    /** What astropy says about one file: its HDUs, the warnings it recorded, or why it could not read it. */
    private record AstropyFile(Integer count, List<AstropyHdu> hdus, List<String> warnings, List<String> errors) {
        AstropyFile() {
            this(null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    // ---------------------------------------------------------------- the corpus

    private List<Sample> corpus() throws Exception {
        List<Sample> samples = new ArrayList<>();

        // synthetic TESS files: sparse, full size; the 15-FFI cube's image needs no padding at all
        Path tess = Files.createDirectory(dir.resolve("tess"));
        add(samples, TessFiles.writeCube(tess.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1,
                TessFiles.SECTOR_22_FFIS));
        Path small = TessFiles.writeCube(tess.resolve("tess-s0022-1-1-cube-15.fits"), 22, 1, 1, 15);
        assertEquals(0, TessFiles.CUBE_BYTES_PER_FFI * 15 % BLOCK, "the 15-FFI cube's image fills whole blocks");
        add(samples, small);
        add(samples, TessFiles.writeFfi(tess.resolve("ffic-standard.fits"), 1, 1, TessFiles.FfiVariant.STANDARD));
        add(samples, TessFiles.writeFfi(tess.resolve("ffic-nowcs.fits"), 1, 1, TessFiles.FfiVariant.NO_WCS));

        // nom-tam-fits: every BITPIX, every extension type, heap, random groups, tiles, CONTINUE, HIERARCH, ...
        for (Path file : NomTamCorpus.all(Files.createDirectory(dir.resolve("nomtam")))) {
            add(samples, file);
        }

        // by hand: files that are not quite clean, but that astropy reads
        Path hand = Files.createDirectory(dir.resolve("hand"));
        byte[] three = GzipWalkTest.threeHdus();
        add(samples, Files.write(hand.resolve("three.fits"), three));
        add(samples, Files.write(hand.resolve("three.fits.gz"), gzip(three)));
        add(samples, Files.write(hand.resolve("trailing-zero-blocks.fits"), concat(three, new byte[2 * BLOCK])));
        // the last data unit (24,500 bytes at 48,960) ends the file at 73,460: its 1,420 padding bytes are missing.
        // astropy works datSpan out from the header, not from the file, so its datSpan of the last HDU is not cut
        // short: it is the whole 25,920 (and it warns that the file "may have been truncated"), as ours is
        add(samples, Files.write(hand.resolve("last-data-unpadded.fits"), Arrays.copyOf(three, 73_460)));
        add(samples, Files.write(hand.resolve("end-then-nuls.fits"), endThenNuls()));
        return samples;
    }

    private static void add(List<Sample> samples, Path file) {
        samples.add(new Sample(file.getParent().getFileName() + "/" + file.getFileName(), file));
    }

    /** A primary image and an IMAGE extension whose END cards are followed by NULs, not blanks. */
    private static byte[] endThenNuls() {
        return concat(
                headerWithNulPadding(card("SIMPLE", true, "conforms to FITS"), card("BITPIX", 16), card("NAXIS", 2),
                        card("NAXIS1", 30), card("NAXIS2", 20), card("EXTEND", true)),
                data(1200),
                headerWithNulPadding(card("XTENSION", str("IMAGE"), "image extension"), card("BITPIX", -64),
                        card("NAXIS", 1), card("NAXIS1", 500), card("PCOUNT", 0), card("GCOUNT", 1),
                        card("EXTNAME", str("NULS"))),
                data(4000));
    }

    // ---------------------------------------------------------------- astropy

    /** Runs the script once for every file of {@code samples} and parses what it prints, by path. */
    private Map<String, AstropyFile> runAstropy(List<Sample> samples) throws Exception {
        return parse(Astropy.run(dir, SCRIPT, samples.stream().map(s -> s.file().toString()).toList(), SCRIPT_TIMEOUT));
    }

    /** Parses the tab-separated lines of the script (see its docstring). */
    private static Map<String, AstropyFile> parse(String out) {
        Map<String, AstropyFile> files = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertTrue(f.length >= 3, () -> "bad line: " + line);
            AstropyFile file = files.computeIfAbsent(f[1], k -> new AstropyFile());
            switch (f[0]) {
                case "FILE" -> files.put(f[1], new AstropyFile(Integer.valueOf(f[2]), file.hdus(), file.warnings(),
                        file.errors()));
                case "HDU" -> {
                    assertEquals(9, f.length, () -> "bad line: " + line);
                    file.hdus().add(new AstropyHdu(Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), f[8]));
                }
                case "WARN" -> file.warnings().add(f[2]);
                case "ERROR" -> file.errors().add(f[2]);
                default -> fail("bad line: " + line);
            }
        }
        return files;
    }

    // ---------------------------------------------------------------- the comparison

    @TestFactory
    Stream<DynamicTest> everyHduShouldBeWhereAstropyFindsIt() throws Exception {
        Optional<DynamicTest> unavailable = Astropy.unavailable();
        if (unavailable.isPresent()) {
            return Stream.of(unavailable.get());
        }
        List<Sample> samples = corpus();
        Map<String, AstropyFile> astropy = runAstropy(samples);

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("corpus", () -> assertCorpus(samples, astropy)));
        for (Sample s : samples) {
            tests.add(DynamicTest.dynamicTest(s.name(), () -> assertAgrees(s, astropy.get(s.file().toString()))));
        }
        return tests.stream();
    }

    /** The corpus is what the class comment says, and astropy read all of it. */
    private static void assertCorpus(List<Sample> samples, Map<String, AstropyFile> astropy) {
        assertEquals(samples.size(), astropy.size(), () -> "astropy reported on " + astropy.keySet());
        assertEquals(23, samples.size());
        int hdus = astropy.values().stream().mapToInt(a -> a.hdus().size()).sum();
        assertEquals(85, hdus, "HDUs in the corpus");
        assertTrue(astropy.values().stream().anyMatch(a -> a.hdus().size() >= 25), "a file of 25+ HDUs");
        Set<String> types = new TreeSet<>();
        astropy.values().forEach(a -> a.hdus().forEach(h -> types.add(h.type())));
        assertTrue(types.containsAll(Set.of("PrimaryHDU", "ImageHDU", "BinTableHDU", "TableHDU", "GroupsHDU",
                "CompImageHDU")), () -> "HDU classes " + types);
    }

    private static void assertAgrees(Sample sample, AstropyFile astropy) {
        assertNotNull(astropy, "astropy said nothing about " + sample.file());
        assertTrue(astropy.errors().isEmpty(), () -> "astropy cannot read " + sample.name() + ": " + astropy.errors());
        assertNotNull(astropy.count(), "no FILE line for " + sample.name());
        assertEquals(astropy.count(), astropy.hdus().size(), "HDU lines of " + sample.name());

        ScanResult r = FitsScanner.create().scanFile(sample.file().toUri()).block(SCAN_TIMEOUT);
        assertNotNull(r, "no scan result");
        String name = sample.name() + (astropy.warnings().isEmpty() ? "" : " (astropy warned: "
                + astropy.warnings() + ")");
        assertTrue(r.isOk(), () -> name + ": scan failed: " + r.error().orElseThrow());
        List<FitsHeader> ours = r.headers();
        assertEquals(astropy.hdus().size(), ours.size(), () -> name + ": HDU count; ours " + ours);

        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            int index = i;
            FitsHeader h = ours.get(i);
            AstropyHdu a = astropy.hdus().get(i);
            String at = name + " HDU " + i + " (astropy " + a.type() + "): ";
            checks.add(() -> assertEquals(index, a.index(), at + "astropy index"));
            checks.add(() -> assertEquals(a.hdrLoc(), h.headerOffset(), at + "headerOffset vs hdrLoc"));
            checks.add(() -> assertEquals(a.datLoc(), h.dataOffset(), at + "dataOffset vs datLoc"));
            checks.add(() -> assertEquals(a.datSpan(), h.paddedDataSize(), at + "paddedDataSize vs datSpan"));
            checks.add(() -> assertEquals(a.size(), h.dataSize(), at + "dataSize vs hdu.size"));
            checks.add(() -> assertEquals(a.headerDataSize(), headerDataSize(h, a.type()),
                    at + "header.data_size vs " + (a.type().equals("GroupsHDU") || a.type().equals("CompImageHDU")
                    ? "astropy's rule for " + a.type() : "dataSize")));
        }
        assertAll(name, checks);
    }

    /**
     * What astropy's {@code hdul[i].header.data_size} should be for our header {@code h}: our
     * {@link FitsHeader#dataSize()}, except for two HDU classes where astropy's number is not the
     * size of the data unit in the file (its {@code hdu.size}, and so its {@code datSpan}, is, and
     * agrees with ours):
     * <ul>
     * <li>{@code GroupsHDU}: {@code Header.data_size} applies the image formula to every NAXISn,
     * NAXIS1 = 0 included, so the axes multiply to 0 and only the parameters are left:
     * {@code |BITPIX|/8 * GCOUNT * PCOUNT} (84 bytes for nom-tam's 7 groups, which take 644);
     * <li>{@code CompImageHDU}: {@code .header} is the header of the decompressed image, so its
     * data size is {@code |ZBITPIX|/8 * ZNAXIS1 * ... * ZNAXISn}, not that of the binary table
     * holding the compressed tiles.
     * </ul>
     */
    private static long headerDataSize(FitsHeader h, String astropyType) {
        return switch (astropyType) {
            case "GroupsHDU" -> Math.abs(h.bitpix()) / 8L * h.gcount() * h.pcount();
            case "CompImageHDU" -> {
                long size = Math.abs(h.longValue("ZBITPIX").orElseThrow()) / 8;
                for (int k = 1; k <= h.longValue("ZNAXIS").orElseThrow(); k++) {
                    size *= h.longValue("ZNAXIS" + k).orElseThrow();
                }
                yield size;
            }
            default -> h.dataSize();
        };
    }
}

package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.astrocloud.fits.testkit.Astropy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our CHECKSUM and DATASUM verdicts agree with astropy's, HDU by HDU. {@code astropy_checksums.py}
 * (a test resource) writes files with astropy's {@code checksum=True} (a primary image, a binary
 * table with a heap, four HDUs of which one has no data and one is mostly padding), corrupts copies
 * (a data byte, a heap byte, a padding byte, a header card's value, a DATASUM card's digit), gzips
 * some, writes one without checksums, and prints for every HDU astropy's
 * {@code hdu.verify_checksum()} and {@code hdu.verify_datasum()} (1 OK, 0 BAD, 2 MISSING) and the
 * data sum it computes, and for every file the exit code of {@code fitscheck}. One dynamic test a file.
 *
 * <p>Skipped without astropy, failed then if {@code CI} is set ({@link Astropy}).
 */
class ChecksumAstropyAgreementTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** One HDU line of the script. */
    private record AstropyHdu(int index, Verdict checksum, Verdict datasum, long dataSum) {
    }

    /** One FILE line of the script, with its HDU lines. */
    private record AstropyFile(String name, int hdus, int fitscheck, List<AstropyHdu> verdicts) {
    }

    @TestFactory
    Stream<DynamicTest> verdictsAgreeWithAstropy() throws Exception {
        Optional<DynamicTest> skipped = Astropy.unavailable();
        if (skipped.isPresent()) {
            return Stream.of(skipped.get());
        }
        Map<String, AstropyFile> files = parse(Astropy.run(dir, "astropy_checksums.py", List.of(dir.toString()),
                Duration.ofSeconds(120)));
        assertTrue(files.size() >= 12, () -> "the script wrote too few files: " + files.keySet());
        ChecksumVerifier verifier = ChecksumVerifier.create();
        return files.values().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            FileChecksums ours = verifier.verifyFile(dir.resolve(f.name()).toUri()).block(TIMEOUT);
            assertNotNull(ours);
            assertTrue(ours.error().isEmpty(), () -> "failed: " + ours.failure());
            assertEquals(f.hdus(), ours.hdus().size(), "HDUs");
            List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
            for (AstropyHdu theirs : f.verdicts()) {
                HduChecksum hdu = ours.hdus().get(theirs.index());
                String at = f.name() + " HDU " + theirs.index();
                checks.add(() -> assertEquals(theirs.checksum(), hdu.checksum(), at + " CHECKSUM"));
                checks.add(() -> assertEquals(theirs.datasum(), hdu.datasum(), at + " DATASUM"));
                checks.add(() -> assertEquals(theirs.dataSum(), hdu.dataSum(), at + " data sum"));
            }
            checks.add(() -> assertEquals(f.fitscheck() == 0, ours.isOk(), "fitscheck exit code " + f.fitscheck()));
            assertAll(checks);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theCorruptedFilesAreCaught() throws Exception {
        Optional<DynamicTest> skipped = Astropy.unavailable();
        if (skipped.isPresent()) {
            return Stream.of(skipped.get());
        }
        Astropy.run(dir, "astropy_checksums.py", List.of(dir.toString()), Duration.ofSeconds(120));
        ChecksumVerifier verifier = ChecksumVerifier.create();
        return Stream.of(
                DynamicTest.dynamicTest("a data byte: both keywords of the image", () -> {
                    HduChecksum hdu = verifier.verify(dir.resolve("image-data-byte.fits").toUri()).blockFirst(TIMEOUT);
                    assertEquals(Verdict.BAD, hdu.checksum());
                    assertEquals(Verdict.BAD, hdu.datasum());
                    assertFalse(hdu.expectedDatasum().getAsLong() == hdu.dataSum());
                }),
                DynamicTest.dynamicTest("a header value: CHECKSUM only", () -> {
                    List<HduChecksum> hdus = verifier.verify(dir.resolve("multi-header-value.fits").toUri())
                            .collectList().block(TIMEOUT);
                    assertEquals(List.of(Verdict.OK, Verdict.BAD, Verdict.OK, Verdict.OK),
                            hdus.stream().map(HduChecksum::checksum).toList());
                    assertTrue(hdus.stream().allMatch(h -> h.datasum() == Verdict.OK));
                }),
                DynamicTest.dynamicTest("no checksums: MISSING, not BAD", () -> {
                    FileChecksums f = verifier.verifyFile(dir.resolve("plain.fits").toUri()).block(TIMEOUT);
                    assertTrue(f.isIntact());
                    assertFalse(f.isOk());
                    assertTrue(f.hdus().stream().allMatch(h -> h.checksum() == Verdict.MISSING
                            && h.datasum() == Verdict.MISSING && h.checksumCard().isEmpty()));
                }));
    }

    private static Map<String, AstropyFile> parse(String output) {
        Map<String, AstropyFile> files = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f[0].equals("FILE")) {
                files.put(f[1], new AstropyFile(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), new ArrayList<>()));
            } else if (f[0].equals("HDU")) {
                files.get(f[1]).verdicts().add(new AstropyHdu(Integer.parseInt(f[2]), verdict(f[3]), verdict(f[4]),
                        Long.parseLong(f[5])));
            }
        }
        return files;
    }

    /** astropy's return codes: 1 success, 0 failure, 2 no such keyword. */
    private static Verdict verdict(String code) {
        return switch (code) {
            case "1" -> Verdict.OK;
            case "0" -> Verdict.BAD;
            case "2" -> Verdict.MISSING;
            default -> throw new IllegalArgumentException("astropy verdict " + code);
        };
    }
}

package org.astrocloud.fits.tess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessCubeContent;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * A cutout of a full-size sparse sector-22 cube (1248 frames) whose frame table has rows and whose
 * pixels in two boxes hold known values: the target-pixel file astropy reads back holds the cube's
 * values, times and flags as astropy reads them from the cube ({@code astropy_tpf.py}), and it took
 * one round of reads: 30 pixel rows of exactly 30 x 9,984 bytes, the 1,599,936-byte table in one
 * read, and the header walk. Some frame rows are odd on purpose: a NaN TSTART, a row of zeros, and
 * no WCS in the middle row (the next row's is taken).
 */
class TessCutoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int FRAMES = TessFiles.SECTOR_22_FFIS;
    private static final long PIXEL_BYTES = 2L * FRAMES * 4;
    private static final long TABLE_BYTES = (long) TessFiles.CUBE_TABLE_ROW_BYTES * FRAMES;

    @TempDir
    static Path dir;
    static Path cube;

    @BeforeAll
    static void write() {
        cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, FRAMES);
        TessCubeContent.writeRows(cube, FRAMES, i -> {
            Map<String, Object> row = TessCubeContent.frame(22, 1, 1, i);
            if (i == 3) {
                row.put("TSTART", Double.NaN);
            } else if (i == FRAMES / 2) {
                row.put("CTYPE1", "");
                row.put("CTYPE2", "");
            } else if (i == 10) {
                row.clear();
            }
            return row;
        });
        TessCubeContent.writeBox(cube, FRAMES, 986, 1030, 30, 30, TessCutoutTest::value);
        TessCubeContent.writeBox(cube, FRAMES, 2068, 0, 10, 10, TessCutoutTest::value);
    }

    private static float value(int row, int col, int frame, int plane) {
        return row * 1_000f + col + frame / 2048f + plane * 0.25f;
    }

    @Test
    void aThirtyByThirtyCutoutIsOneRoundOfReads() throws Exception {
        List<RecordingSource> opened = new CopyOnWriteArrayList<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            RecordingSource source = new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()));
            opened.add(source);
            return source;
        })));
        TargetPixelCutout tpf = TessCutout.create().sources(sources)
                .cut(cube.toUri(), new CutoutBox(1045, 1001, 30, 30)).block(TIMEOUT);

        assertEquals(FRAMES, tpf.frames());
        assertFalse(tpf.clipped());
        List<ByteRange> reads = opened.stream().flatMap(s -> s.ranges().stream()).toList();
        long pixelsAt = 5760;
        long tableAt = TessCubeContent.tableDataOffset(FRAMES);
        List<ByteRange> pixelReads = reads.stream().filter(r -> r.offset() > pixelsAt && r.offset() < tableAt - 46_080).toList();
        List<ByteRange> tableReads = reads.stream().filter(r -> r.offset() == tableAt).toList();
        assertEquals(30, pixelReads.size(), reads::toString);
        for (int i = 0; i < 30; i++) {
            assertTrue(pixelReads.contains(ByteRange.of(pixelsAt + ((986L + i) * 2136 + 1030) * PIXEL_BYTES, 30 * PIXEL_BYTES)),
                    "row " + i + " in " + pixelReads);
        }
        assertEquals(List.of(ByteRange.of(tableAt, TABLE_BYTES)), tableReads);
        int walk = reads.size() - 31;
        assertTrue(walk >= 1 && walk <= 3, "the header walk took " + walk + " reads: " + reads);
        long requested = reads.stream().mapToLong(ByteRange::length).sum();
        assertTrue(requested <= 1.05 * (30 * 30 * PIXEL_BYTES + TABLE_BYTES), requested + " bytes asked for");
        assertEquals(reads.size(), tpf.requests());
        assertEquals(requested, tpf.bytesRead(), "every read was answered in full");

        assertAstropyAgrees(tpf, 1030, 986, 30, 30);
    }

    @Test
    void aBoxOverTheCcdsCornerIsPaddedWithNan() throws Exception {
        TargetPixelCutout tpf = TessCutout.create().cut(cube.toUri(), new CutoutBox(3, 2075, 10, 10)).block(TIMEOUT);
        assertTrue(tpf.clipped());
        // 8 rows (2070-2077) of the 10 are on the CCD, and 8 columns (0-7) of -2..7
        assertEquals(8 + 1, tpf.requests() - walkReads());
        assertAstropyAgrees(tpf, -2, 2070, 10, 10);
    }

    private static long walkReads() {
        CountingSources counted = CountingSources.over(ByteRangeSources.installed());
        org.astrocloud.fits.FitsScanner.create().sources(counted.registry()).scan(cube.toUri()).take(3).blockLast(TIMEOUT);
        return counted.requests();
    }

    @Test
    void aBoxOffTheCcdFails() {
        StepVerifier.create(TessCutout.create().cut(cube.toUri(), new CutoutBox(5000, 10, 10, 10)))
                .expectErrorSatisfies(e -> assertTrue(e instanceof IllegalArgumentException
                        && e.getMessage().contains("lies outside the CCD of 2078 rows and 2136 columns"), e.toString()))
                .verify(TIMEOUT);
    }

    @Test
    void aFileThatIsNotACubeFails() {
        Path ffi = TessFiles.writeFfi(dir.resolve("ffic.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        StepVerifier.create(TessCutout.create().cut(ffi.toUri(), new CutoutBox(100, 100, 5, 5)))
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().startsWith("not a SPOC FFI cube"), e.toString()))
                .verify(TIMEOUT);
    }

    private static void assertAstropyAgrees(TargetPixelCutout tpf, int column0, int row0, int width, int height)
            throws Exception {
        Assumptions.assumeTrue(Astropy.unavailable().isEmpty(), "astropy is missing (under CI this fails instead)");
        Path file = dir.resolve("tpf-" + column0 + "-" + row0 + ".fits");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var bytes = tpf.bytes();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        String found = Astropy.run(dir, "astropy_tpf.py", List.of(cube.toString(), file.toString(),
                Integer.toString(column0), Integer.toString(row0), Integer.toString(width), Integer.toString(height)),
                Duration.ofSeconds(120));
        assertTrue(found.contains("\"frames\": " + FRAMES), found);
        System.out.println("astropy_tpf.py: " + found.strip());
    }
}

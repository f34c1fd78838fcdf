package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 30x30 cutout of a full-size sector-22 cube is read in one round of 30 reads moving exactly the
 * pixels' bytes: 30 runs of 30 x 9,984 bytes (2 values x 1248 frames x 4 bytes per pixel), one per
 * cutout row, 2136 x 9,984 bytes apart. Pixel values written into the sparse cube by the test at
 * offsets from the standard's formula come back in numpy order.
 */
class CubeSectionReadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int FRAMES = 1248;
    private static final long PIXEL_BYTES = 2L * FRAMES * 4;   // 9,984

    @TempDir
    static Path dir;
    static Path cube;

    @BeforeAll
    static void write() throws IOException {
        cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, FRAMES);
        try (FileChannel ch = FileChannel.open(cube, StandardOpenOption.WRITE)) {
            for (int row = 1000; row < 1030; row++) {
                ByteBuffer run = ByteBuffer.allocate((int) (30 * PIXEL_BYTES));
                for (int col = 500; col < 530; col++) {
                    for (int frame = 0; frame < FRAMES; frame++) {
                        run.putFloat(value(row, col, frame, 0)).putFloat(value(row, col, frame, 1));
                    }
                }
                // tesscube's byte address (0-based row, column): 5760 + 4 * ((row * 2136 + col) * N * 2)
                ch.write(run.flip(), 5760 + 4L * ((row * 2136L + 500) * FRAMES * 2));
            }
        }
    }

    private static float value(int row, int col, int frame, int plane) {
        return row * 10_000f + col + frame / 2048f + plane * 0.25f;
    }

    @Test
    void aThirtyByThirtyCutoutIsThirtyReadsOfExactlyThePixels() {
        AtomicReference<RecordingSource> recorded = new AtomicReference<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            RecordingSource source = new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()));
            recorded.set(source);
            return source;
        })));
        DataReference ref = DataReference.of(FitsScanner.create().scan(cube.toUri()).elementAt(1).block(TIMEOUT));
        ImageData box = FitsDataReader.create().sources(sources)
                .section(ref, Section.parse("1000:1030, 500:530")).block(TIMEOUT);

        assertArrayEquals(new long[] {30, 30, FRAMES, 2}, box.shape());
        List<ByteRange> reads = recorded.get().ranges();
        assertEquals(30, reads.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(ByteRange.of(5760 + ((1000L + i) * 2136 + 500) * PIXEL_BYTES, 30 * PIXEL_BYTES), reads.get(i));
        }
        assertEquals(30 * 299_520L, recorded.get().requestedBytes());
        float[] values = box.floats();
        int i = 0;
        for (int row = 1000; row < 1030; row++) {
            for (int col = 500; col < 530; col++) {
                for (int frame = 0; frame < FRAMES; frame++) {
                    assertEquals(value(row, col, frame, 0), values[i++]);
                    assertEquals(value(row, col, frame, 1), values[i++]);
                }
            }
        }
    }

    @Test
    void oneFrameOfTheBoxComesFromStridedReads() {
        DataReference ref = DataReference.of(FitsScanner.create().scan(cube.toUri()).elementAt(1).block(TIMEOUT));
        ImageData flux = FitsDataReader.create().section(ref, Section.parse("1000:1030, 500:530, 7, 0")).block(TIMEOUT);
        assertArrayEquals(new long[] {30, 30}, flux.shape());
        assertEquals(value(1003, 517, 7, 0), flux.floats()[3 * 30 + 17]);
    }
}

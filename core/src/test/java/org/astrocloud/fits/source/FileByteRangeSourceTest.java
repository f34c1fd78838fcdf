package org.astrocloud.fits.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** What only the {@code file:} source does; the source contract runs on it in the testkit module. */
class FileByteRangeSourceTest {
    @TempDir
    Path dir;

    @Test
    void missingFileShouldFailWithObjectNotFound() {
        ByteRangeSource s = ByteRangeSources.open(dir.resolve("nope.fits").toUri(), SourceOptions.empty());
        StepVerifier.create(s.read(ByteRange.of(0, 10)))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(ObjectNotFoundException.class, e);
                    assertEquals(dir.resolve("nope.fits").toUri(), ((ObjectNotFoundException) e).uri().orElseThrow());
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void readAtTheEndOfAFortyFourGigabyteSparseFileShouldNotReadThePrefix() throws Exception {
        Path file = dir.resolve("big.bin");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(44L << 30);
            f.seek((44L << 30) - 4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        ByteRangeSource s = ByteRangeSources.open(file.toUri(), SourceOptions.empty());
        StepVerifier.create(s.read(ByteRange.of((44L << 30) - 4, 100)))
                .assertNext(r -> {
                    assertEquals(4, r.length());
                    assertEquals(4, r.bytes().get(3));
                    assertEquals(44L << 30, r.objectSize().getAsLong());
                })
                .verifyComplete();
        assertEquals(4, s.stats().bytesRead());
    }
}

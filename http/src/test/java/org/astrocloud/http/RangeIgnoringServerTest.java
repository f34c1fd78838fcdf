package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.RangeFileServer;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that ignores Range must never make us download a large object; a small one is used whole, on purpose. */
class RangeIgnoringServerTest {
    @TempDir
    static Path dir;
    static RangeFileServer server;

    @BeforeAll
    static void start() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("two-gigabytes.fits").toFile(), "rw")) {
            f.setLength(2L << 30);
            f.write(TessFiles.header("cube-hdu0-primary.txt"));
        }
        byte[] small = new byte[2 * 2880];
        System.arraycopy(TessFiles.header("cube-hdu0-primary.txt"), 0, small, 0, 2880);
        System.arraycopy(TessFiles.header("cube-hdu1-image.txt", "NAXIS2", "0"), 0, small, 2880, 2880);
        Files.write(dir.resolve("small.fits"), small);
        server = RangeFileServer.ignoringRange(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void largeObjectShouldFailTypedAfterAtMostOneMebibyte() throws Exception {
        // warm up the client (class loading, event loops) so the time below is the cancellation's
        FitsScanner.create().scanFile(URI.create(server.url("small.fits"))).block(Duration.ofSeconds(30));
        long start = System.nanoTime();
        ScanResult r = FitsScanner.create().scanFile(URI.create(server.url("two-gigabytes.fits")))
                .block(Duration.ofSeconds(30));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        RangeNotSupportedException e = assertInstanceOf(RangeNotSupportedException.class, r.error().orElseThrow());
        assertTrue(e.getMessage().contains("2147483648 bytes"), e.getMessage());
        assertTrue(r.bytesRead() <= 1 << 20, "received " + r.bytesRead() + " bytes");
        assertEquals(1, r.requests());
        assertTrue(elapsedMs < 1_000, "took " + elapsedMs + " ms");
        Thread.sleep(200);
        assertFalse(server.wholeBodySent("two-gigabytes.fits"), "the 2 GB body was not sent to its end");
        System.out.println("range-ignoring server, 2 GB object: " + e.getClass().getSimpleName() + " after "
                + elapsedMs + " ms, " + r.bytesRead() + " body bytes received");
    }

    @Test
    void smallObjectShouldBeReadWholeInOneRequest() {
        ScanResult r = FitsScanner.create().scanFile(URI.create(server.url("small.fits"))).block(Duration.ofSeconds(30));

        assertTrue(r.isOk(), () -> r.error().toString());
        assertEquals(List.of(0L, 2880L), r.headers().stream().map(FitsHeader::headerOffset).toList());
        assertEquals(1, r.requests());
        assertEquals(5760, r.bytesRead());
        assertEquals(5760, r.size().getAsLong());
        assertTrue(server.wholeBodySent("small.fits"));
    }

    @Test
    void smallObjectLimitShouldBeConfigurable() {
        ScanResult r = FitsScanner.create().option(HttpOptions.SMALL_OBJECT_LIMIT, 1000L)
                .scanFile(URI.create(server.url("small.fits"))).block(Duration.ofSeconds(30));
        assertInstanceOf(RangeNotSupportedException.class, r.error().orElseThrow());
    }

    @Test
    void streamAnsweredWithTheWholeLargeObjectShouldBeCancelledTyped() throws Exception {
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("two-gigabytes.fits")), SourceOptions.empty());
        Throwable e = assertThrows(RuntimeException.class,
                () -> s.stream(ByteRange.of(2880, 1L << 30)).blockLast(Duration.ofSeconds(30)));
        assertInstanceOf(RangeNotSupportedException.class, e);
        assertTrue(s.stats().bytesRead() <= 1 << 20, "received " + s.stats().bytesRead() + " bytes of 2 GB");
        assertEquals(1, s.stats().requests());
        Thread.sleep(200);
        assertFalse(server.wholeBodySent("two-gigabytes.fits"), "the 2 GB body was not sent to its end");
    }

    @Test
    void streamOfASmallObjectAnsweredWholeShouldBeSliced() throws Exception {
        byte[] small = Files.readAllBytes(dir.resolve("small.fits"));
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("small.fits")), SourceOptions.empty());
        List<RangeBytes> answers = s.stream(ByteRange.of(100, 5000)).collectList().block(Duration.ofSeconds(30));
        assertEquals(1, answers.size());
        assertEquals(100, answers.get(0).offset());
        ByteBuffer b = answers.get(0).bytes();
        byte[] got = new byte[b.remaining()];
        b.duplicate().get(got);
        assertArrayEquals(Arrays.copyOfRange(small, 100, 5100), got);
        assertEquals(1, s.stats().requests());
    }
}

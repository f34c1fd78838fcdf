package org.astrocloud.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.data.ChecksumVerifier;
import org.astrocloud.fits.data.FileChecksums;
import org.astrocloud.fits.data.HduChecksum;
import org.astrocloud.fits.data.Verdict;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 25 MB file verified over HTTP against a local Reactor Netty range server: the data unit is
 * streamed in reads of at most {@link ByteRangeSource#STREAM_CHUNK} bytes, each byte fetched once,
 * and the verdicts are those nom-tam-fits' own checksums call for.
 */
class VerifyOverHttpTest {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final int ROWS = 3072;
    private static final int COLUMNS = 2048;
    private static final long IMAGE = 4L * ROWS * COLUMNS;

    @TempDir
    static Path dir;
    private static RangeFileServer server;
    private static Path good;

    @BeforeAll
    static void serve() throws Exception {
        good = ChecksummedFiles.write(dir.resolve("big.fits"), ROWS, COLUMNS, 22);
        ChecksummedFiles.flipped(good, dir.resolve("big-flipped.fits"), 2880 + IMAGE / 2);
        server = RangeFileServer.serving(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGoodFileIsVerifiedInBoundedReadsEachByteOnce() throws Exception {
        long size = Files.size(good);
        assertTrue(size > 25_000_000, "tens of MB: " + size);
        int before = server.requests().size();

        FileChecksums f = ChecksumVerifier.create().verifyFile(URI.create(server.url("big.fits"))).block(Duration.ofSeconds(60));

        assertNotNull(f);
        assertTrue(f.error().isEmpty(), () -> String.valueOf(f.failure()));
        assertEquals(2, f.hdus().size());
        assertTrue(f.isOk(), () -> f.hdus().toString());
        HduChecksum image = f.hdus().get(0);
        assertEquals(2880, image.dataOffset());
        assertEquals(IMAGE + 2880 - IMAGE % 2880, image.paddedDataSize());

        List<RangeFileServer.Request> requests = server.requests().subList(before, server.requests().size());
        assertEquals(requests.size(), f.requests());
        // two header reads of at most 64 KiB; the data units in one read per MiB (the SPI's default stream) or
        // fewer (a source that streams a response body): never more, and never a byte asked for twice
        long dataReads = (image.paddedDataSize() + ByteRangeSource.STREAM_CHUNK - 1) / ByteRangeSource.STREAM_CHUNK + 1;
        assertTrue(f.requests() >= 3 && f.requests() <= dataReads + 2, () -> f.requests() + " requests");
        long asked = 0;
        for (RangeFileServer.Request r : requests) {
            Matcher m = RANGE.matcher(r.range());
            assertTrue(m.matches(), r.range());
            long length = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
            if (requests.size() > 4) {
                assertTrue(length <= Math.max(ByteRangeSource.STREAM_CHUNK, ChecksumVerifier.DEFAULT_READ_AHEAD),
                        () -> "a chunked stream read " + length + " bytes at once: " + r.range());
            }
            asked += length;
        }
        assertTrue(asked <= size + 2L * ChecksumVerifier.DEFAULT_READ_AHEAD, asked + " bytes asked for of " + size);
        assertTrue(f.bytesRead() >= size && f.bytesRead() <= asked, () -> f.bytesRead() + " bytes read of " + size);
    }

    @Test
    void aFlippedBitInTheMiddleIsFound() {
        List<HduChecksum> hdus = ChecksumVerifier.create().verify(URI.create(server.url("big-flipped.fits")))
                .collectList().block(Duration.ofSeconds(60));
        assertNotNull(hdus);
        assertEquals(List.of(Verdict.BAD, Verdict.OK), hdus.stream().map(HduChecksum::checksum).toList());
        assertEquals(List.of(Verdict.BAD, Verdict.OK), hdus.stream().map(HduChecksum::datasum).toList());
        assertTrue(hdus.get(0).expectedDatasum().getAsLong() != hdus.get(0).dataSum());
    }
}

package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validators and streams of ranges against s3proxy, through a fault proxy, and against a server that ignores Range. */
class S3StreamTest {
    private static final byte[] CONTENT = ByteRangeSourceContract.content(3 << 20, 43);
    private static final URI OBJECT = URI.create("s3://data/obj.bin");

    @TempDir
    static Path dir;
    static S3ProxyServer s3;
    FaultProxy proxy;

    @BeforeAll
    static void start() {
        S3TestSupport.useServerKeys();
        s3 = S3ProxyServer.inMemory().start();
        s3.createBucket("data");
        s3.put("data", "obj.bin", CONTENT);
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    private static SourceOptions at(URI endpoint, S3Credentials credentials) {
        return S3TestSupport.fastRetries().with(S3Options.ENDPOINT, endpoint).with(S3Options.CREDENTIALS, credentials);
    }

    @Test
    void everyAnswerShouldCarryTheEtagOfTheUpload() throws Exception {
        String md5 = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(CONTENT)) + "\"";
        ByteRangeSource s = ByteRangeSources.open(OBJECT, at(s3.endpoint(), S3Credentials.DEFAULT_CHAIN));

        assertEquals(Optional.of(md5), s.read(ByteRange.of(10, 1000)).block(S3TestSupport.TIMEOUT).validator());
        List<RangeBytes> streamed = s.stream(ByteRange.of(1000, 2 << 20)).collectList().block(S3TestSupport.TIMEOUT);
        assertTrue(streamed.size() > 1, "answers of a 2 MiB stream: " + streamed.size());
        assertEquals(Set.of(Optional.of(md5)), streamed.stream().map(RangeBytes::validator).collect(Collectors.toSet()));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 1000, 1000 + (2 << 20)), ByteRangeSourceContract.concatenated(streamed));
        assertEquals(2, s.stats().requests(), "one GetObject for the read, one for the stream");
    }

    @Test
    void streamCutMidBodyShouldBeResumedAfterTheLastByteToExactBytes() {
        proxy = new FaultProxy(s3.endpoint().toString(),
                i -> i == 0 ? FaultProxy.Action.truncateAfter(200_000) : FaultProxy.Action.FORWARD);
        ByteRangeSource s = ByteRangeSources.open(OBJECT,
                at(URI.create("http://127.0.0.1:" + proxy.port()), S3Credentials.DEFAULT_CHAIN));

        List<RangeBytes> answers = s.stream(ByteRange.of(1000, 1_000_000)).collectList().block(S3TestSupport.TIMEOUT);

        assertArrayEquals(Arrays.copyOfRange(CONTENT, 1000, 1_001_000), ByteRangeSourceContract.concatenated(answers));
        assertEquals(1, s.stats().retries());
        assertEquals(2, proxy.received().size());
        String resumed = proxy.received().get(1).range();
        long from = Long.parseLong(resumed.substring("bytes=".length(), resumed.indexOf('-')));
        assertTrue(from > 1000 && from <= 201_000, "the second GetObject resumes after the bytes delivered: " + resumed);
    }

    @Test
    void streamAnsweredWithTheWholeObjectShouldBeCancelledTyped() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ignoring"));
        try (RandomAccessFile big = new RandomAccessFile(Files.createDirectories(root.resolve("data"))
                .resolve("big.bin").toFile(), "rw")) {
            big.setLength(256L << 20);
        }
        try (RangeFileServer whole = RangeFileServer.ignoringRange(root)) {
            ByteRangeSource s = ByteRangeSources.open(URI.create("s3://data/big.bin"),
                    at(URI.create("http://127.0.0.1:" + whole.port()), S3Credentials.ANONYMOUS));
            Throwable e = assertThrows(RuntimeException.class,
                    () -> s.stream(ByteRange.of(1000, 100L << 20)).blockLast(S3TestSupport.TIMEOUT));
            assertInstanceOf(RangeNotSupportedException.class, e);
            assertEquals(1, s.stats().requests());
            assertEquals(0, s.stats().retries());
            assertTrue(s.stats().bytesRead() <= 1 << 20, "bytes received of 256 MiB: " + s.stats().bytesRead());
            Thread.sleep(500); // 256 MiB over loopback would have been sent by now
            assertFalse(whole.wholeBodySent("big.bin"), "the transfer was cancelled");
        }
    }
}

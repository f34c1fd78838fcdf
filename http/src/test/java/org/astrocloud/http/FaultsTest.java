package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.FaultProxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Every fault the proxy can inject ends in the right bytes or the right typed error, within a
 * bounded time: nothing hangs. Credentials never reach another host.
 */
class FaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] CONTENT = ByteRangeSourceContract.content(200_000, 42);
    private static final ByteRange RANGE = ByteRange.of(1000, 65_536);
    private static final String TOKEN = "s3cr3t-token-value";

    @TempDir
    static Path dir;
    static RangeFileServer upstream;
    FaultProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Files.write(dir.resolve("data.bin"), CONTENT);
        upstream = RangeFileServer.serving(dir);
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static SourceOptions fast() {
        return SourceOptions.empty()
                .with(HttpOptions.RETRY_BACKOFF, Duration.ofMillis(10))
                .with(HttpOptions.MAX_RETRY_BACKOFF, Duration.ofMillis(50))
                .with(HttpOptions.BEARER_TOKEN, TOKEN);
    }

    private ByteRangeSource through(IntFunction<FaultProxy.Action> policy, SourceOptions options, String path) {
        proxy = new FaultProxy("http://127.0.0.1:" + upstream.port(), policy);
        return ByteRangeSources.open(URI.create(proxy.url(path)), options);
    }

    private static byte[] bytes(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void assertExact(RangeBytes r) {
        assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) RANGE.offset(), (int) RANGE.end()), bytes(r));
        assertEquals(CONTENT.length, r.objectSize().getAsLong());
    }

    private static Throwable failure(ByteRangeSource s) {
        return assertThrows(RuntimeException.class, () -> s.read(RANGE).block(TIMEOUT));
    }

    @Test
    void delayShouldStillGiveTheRightBytes() {
        ByteRangeSource s = through(i -> FaultProxy.Action.delay(Duration.ofMillis(300)), fast(), "data.bin");
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals(0, s.stats().retries());
    }

    @Test
    void unavailableOnceShouldBeRetriedToTheRightBytes() {
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.status(503, Map.of()) : FaultProxy.Action.FORWARD,
                fast(), "data.bin");
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals(1, s.stats().retries());
        assertEquals(2, s.stats().requests());
    }

    @Test
    void retryAfterShouldBeHonoured() {
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.status(429, Map.of("Retry-After", "1"))
                : FaultProxy.Action.FORWARD, fast().with(HttpOptions.MAX_RETRY_BACKOFF, Duration.ofSeconds(5)), "data.bin");
        long start = System.nanoTime();
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After: 1");
        assertEquals(1, s.stats().retries());
    }

    @Test
    void connectionResetShouldBeRetriedToTheRightBytes() {
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.reset() : FaultProxy.Action.FORWARD, fast(), "data.bin");
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals(1, s.stats().retries());
    }

    @Test
    void truncatedBodyShouldBeRetriedToTheRightBytes() {
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.truncateAfter(1000) : FaultProxy.Action.FORWARD,
                fast(), "data.bin");
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals(1, s.stats().retries());
    }

    @Test
    void bodyStalledPastTheReadTimeoutShouldFailTransientlyAfterTheRetries() {
        ByteRangeSource s = through(i -> FaultProxy.Action.stallBody(Duration.ofSeconds(3)),
                fast().with(HttpOptions.READ_TIMEOUT, Duration.ofMillis(300)).with(HttpOptions.MAX_RETRIES, 1), "data.bin");
        long start = System.nanoTime();
        Throwable e = failure(s);
        assertInstanceOf(TransientSourceException.class, e);
        assertTrue(e.getMessage().contains("gave up after 1 retries"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_900_000_000L, "the read time-out fired before the stall ended");
        assertEquals(2, s.stats().requests());
    }

    @Test
    void unavailableForeverShouldFailTransientlyAfterThreeRetries() {
        ByteRangeSource s = through(i -> FaultProxy.Action.status(503, Map.of()), fast(), "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(TransientSourceException.class, e);
        assertEquals(4, s.stats().requests());
        assertEquals(3, s.stats().retries());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    /**
     * A 200 with the whole object (a 1 GiB sparse file, through the proxy), too large to use, is a
     * RangeNotSupportedException every time and never retried, while its body is still arriving
     * when the connection is closed.
     */
    @Test
    void wholeObjectAnswerShouldAlwaysBeRangeNotSupportedWithoutRetry() throws Exception {
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            big.setLength(1L << 30);
        }
        ByteRangeSource s = through(i -> FaultProxy.Action.ignoreRange(), fast(), "big.bin");
        for (int i = 0; i < 100; i++) {
            Throwable e = failure(s);
            assertInstanceOf(RangeNotSupportedException.class, e, "read " + i + ": " + e);
        }
        assertEquals(100, s.stats().requests());
        assertEquals(0, s.stats().retries());
    }

    @Test
    void notFoundAndForbiddenShouldBePermanentAndNotRetried() {
        ByteRangeSource missing = through(i -> FaultProxy.Action.FORWARD, fast(), "missing.bin");
        assertInstanceOf(ObjectNotFoundException.class, failure(missing));
        assertEquals(1, missing.stats().requests());
        proxy.close();
        ByteRangeSource forbidden = through(i -> FaultProxy.Action.status(403, Map.of()), fast(), "data.bin");
        Throwable e = failure(forbidden);
        assertInstanceOf(ObjectAccessDeniedException.class, e);
        assertEquals(1, forbidden.stats().requests());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void redirectToAnotherHostShouldNotCarryTheTokenOrSecretHeaders() {
        String elsewhere = "http://localhost:" + upstream.port() + "/data.bin";
        int before = upstream.requests().size();
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(302, elsewhere),
                fast().with(HttpOptions.HEADERS, RequestHeaders.empty().with("X-Api-Key", "key-value")
                        .forHost("localhost", "X-For-Localhost", "yes")), "data.bin");

        assertExact(s.read(RANGE).block(TIMEOUT));

        RangeFileServer.Request atProxy = proxy.received().get(0);
        assertEquals("Bearer " + TOKEN, atProxy.authorization());
        assertEquals("key-value", atProxy.headers().get("X-Api-Key"));
        List<RangeFileServer.Request> atOtherHost = upstream.requests().subList(before, upstream.requests().size());
        assertEquals(1, atOtherHost.size());
        assertNull(atOtherHost.get(0).authorization(), "no token to another host");
        assertNull(atOtherHost.get(0).headers().get("X-Api-Key"), "no secret header to another host");
        assertEquals("yes", atOtherHost.get(0).headers().get("X-For-Localhost"));
        assertEquals("bytes=1000-66535", atOtherHost.get(0).range());
    }

    @Test
    void signerShouldSignEachRequestToTheOriginWithItsRangeAndNothingAfterARedirectElsewhere() {
        String elsewhere = "http://localhost:" + upstream.port() + "/data.bin";
        int before = upstream.requests().size();
        RequestSigner signer = (uri, headers) -> Mono.just(Map.of("X-Signature", "signed " + headers.get("Range") + " for "
                + uri.getPath() + " with " + headers.get("X-Api-Key")));
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(302, elsewhere), fast()
                .with(HttpOptions.SIGNER, signer)
                .with(HttpOptions.HEADERS, RequestHeaders.empty().with("X-Api-Key", "key-value")), "data.bin");

        assertExact(s.read(RANGE).block(TIMEOUT));

        assertEquals("signed bytes=1000-66535 for /data.bin with key-value", proxy.received().get(0).headers().get("X-Signature"));
        List<RangeFileServer.Request> atOtherHost = upstream.requests().subList(before, upstream.requests().size());
        assertEquals(1, atOtherHost.size());
        assertNull(atOtherHost.get(0).headers().get("X-Signature"), "no signature to another host");
    }

    @Test
    void signerThatFailsShouldFailTheReadWithItsError() {
        RequestSigner broken = (uri, headers) -> Mono.error(new ObjectAccessDeniedException("no keys", uri, 0));
        ByteRangeSource s = through(i -> FaultProxy.Action.FORWARD, fast().with(HttpOptions.SIGNER, broken), "data.bin");
        assertInstanceOf(ObjectAccessDeniedException.class, failure(s));
        assertEquals(0, proxy.received().size(), "nothing is sent unsigned");
    }

    @Test
    void redirectOnTheSameHostShouldKeepTheToken() {
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.redirect(307, "/data.bin") : FaultProxy.Action.FORWARD,
                fast(), "old/data.bin");
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals("Bearer " + TOKEN, proxy.received().get(1).authorization());
        assertEquals("/data.bin", proxy.received().get(1).uri());
    }

    @Test
    void redirectLoopShouldStopAfterFiveHops() {
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(301, "/again.bin"), fast(), "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
        assertEquals(6, proxy.received().size());
    }

    @Test
    void presignedQueryStringShouldArriveByteForByte() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261122%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=ab%2Bcd%3D%3D&list=a+b&empty=";
        ByteRangeSource s = through(i -> FaultProxy.Action.FORWARD, fast(), "data.bin?" + query);
        assertExact(s.read(RANGE).block(TIMEOUT));
        assertEquals("/data.bin?" + query, proxy.received().get(0).uri());
    }

    @Test
    void rangeAnswerStartingElsewhereShouldBeRejected() {
        ByteRangeSource s = through(i -> FaultProxy.Action.status(206, Map.of("Content-Range", "bytes 0-99/200000",
                "Content-Length", "0")), fast(), "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("the server sent 0-99"), e.getMessage());
    }

    @Test
    void redirectToAFileUriShouldBeATypedPermanentError() {
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(302, "file:///etc/passwd"), fast(), "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("a redirect that cannot be followed: a file: location; only http and https are read"),
                e.getMessage());
        assertEquals(1, proxy.received().size());
    }

    @Test
    void redirectToAPortOutOfRangeShouldBeATypedPermanentError() {
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(302, "http://127.0.0.1:99999/data.bin"), fast(), "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("a redirect that cannot be followed: port 99999 is out of range"), e.getMessage());
        assertEquals(1, proxy.received().size());
    }

    @Test
    void uriWithoutAHostOrWithAPortOutOfRangeShouldNotOpen() {
        ByteRangeSources sources = ByteRangeSources.installed();
        for (String bad : List.of("http:///x.fits", "https://user@/x.fits", "http://127.0.0.1:99999/x.fits",
                "http://127.0.0.1:0/x.fits")) {
            InvalidUriException e = assertThrows(InvalidUriException.class,
                    () -> sources.get(URI.create(bad), SourceOptions.empty()), bad);
            assertFalse(e.isTransient());
        }
    }

    @Test
    void oversizedResponseHeadersShouldBeATypedPermanentError() {
        ByteRangeSource s = through(i -> FaultProxy.Action.status(206, Map.of("X-Padding", "p".repeat(100_000))), fast(),
                "data.bin");
        Throwable e = failure(s);
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("longer than the client accepts (TooLongHttpHeaderException)"), e.getMessage());
        assertTrue(!e.getMessage().contains("unexpected failure"), e.getMessage());
    }

    @Test
    void streamCutMidBodyShouldBeResumedAfterTheLastByteToExactBytes() {
        ByteRange range = ByteRange.of(1000, 150_000);
        ByteRangeSource s = through(i -> i == 0 ? FaultProxy.Action.truncateAfter(50_000) : FaultProxy.Action.FORWARD,
                fast(), "data.bin");

        List<RangeBytes> answers = s.stream(range).collectList().block(TIMEOUT);

        assertArrayEquals(Arrays.copyOfRange(CONTENT, 1000, 151_000), ByteRangeSourceContract.concatenated(answers));
        assertEquals(1, s.stats().retries());
        assertEquals(2, s.stats().requests());
        String resumed = proxy.received().get(1).range();
        long from = Long.parseLong(resumed.substring("bytes=".length(), resumed.indexOf('-')));
        assertTrue(from > 1000 && from <= 51_000, "the second request resumes after the bytes delivered: " + resumed);
        assertTrue(resumed.endsWith("-150999"), resumed);
    }

    @Test
    void streamWithAnEncodedBodyShouldBeRefusedPermanently() {
        ByteRangeSource s = through(i -> FaultProxy.Action.status(206, Map.of("Content-Encoding", "gzip",
                "Content-Range", "bytes 1000-66535/200000", "Content-Length", "0")), fast(), "data.bin");
        Throwable e = assertThrows(RuntimeException.class, () -> s.stream(RANGE).blockLast(TIMEOUT));
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("Content-Encoding gzip"), e.getMessage());
        assertEquals(1, s.stats().requests());
    }

    @Test
    void rangeNotSatisfiableShouldCarryItsEtagAndStreamNothing() {
        ByteRangeSource s = through(i -> FaultProxy.Action.status(416, Map.of("Content-Range", "bytes */200000",
                "ETag", "W/\"v1\"")), fast(), "data.bin");
        RangeBytes past = s.read(ByteRange.of(200_000, 10)).block(TIMEOUT);
        assertEquals(0, past.length());
        assertEquals(200_000, past.objectSize().getAsLong());
        assertEquals(java.util.Optional.of("W/\"v1\""), past.validator());
        assertEquals(List.of(), s.stream(ByteRange.of(200_000, 10)).collectList().block(TIMEOUT));
    }

    @Test
    void streamRedirectedToAnotherHostShouldNotCarryTheToken() {
        String elsewhere = "http://localhost:" + upstream.port() + "/data.bin";
        int before = upstream.requests().size();
        ByteRangeSource s = through(i -> FaultProxy.Action.redirect(302, elsewhere), fast(), "data.bin");

        assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) RANGE.offset(), (int) RANGE.end()),
                ByteRangeSourceContract.concatenated(s.stream(RANGE).collectList().block(TIMEOUT)));

        assertEquals("Bearer " + TOKEN, proxy.received().get(0).authorization());
        List<RangeFileServer.Request> atOtherHost = upstream.requests().subList(before, upstream.requests().size());
        assertEquals(1, atOtherHost.size());
        assertNull(atOtherHost.get(0).authorization(), "no token to another host");
        assertEquals(RANGE.toHttpRange(), atOtherHost.get(0).range());
    }
}

package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.S3ProxyServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Every way an S3 read or listing fails ends in the right typed error, retried only when a retry
 * can help (then with the right bytes in the end). Two s3proxy servers: one with SigV4 for the
 * authentication errors, one without authentication and with unknown headers accepted for
 * requester pays (strict s3proxy answers {@code x-amz-request-payer} with 501). Faults are
 * injected by a {@link FaultProxy} in front of them.
 */
class S3ErrorsTest {
    private static final byte[] CONTENT = ByteRangeSourceContract.content(200_000, 42);
    private static final ByteRange RANGE = ByteRange.of(1000, 65_536);
    private static final String BUCKET = "data";
    private static final URI OBJECT = URI.create("s3://data/obj.bin");
    private static final String WRONG_SECRET = "not-the-secret-4711";

    @TempDir
    static Path dir;
    /** SigV4 ("access"/"secret"), strict headers. */
    static S3ProxyServer signed;
    /** No authentication, unknown x-amz-* headers accepted. */
    static S3ProxyServer open;
    FaultProxy proxy;

    @BeforeAll
    static void start() {
        S3TestSupport.useServerKeys();
        signed = S3ProxyServer.inMemory().start();
        open = S3ProxyServer.inMemory().anonymous().ignoreUnknownHeaders().start();
        for (S3ProxyServer s : List.of(signed, open)) {
            s.createBucket(BUCKET);
            s.put(BUCKET, "obj.bin", CONTENT);
            s.put(BUCKET, "rp/listed.bin", new byte[10]);
        }
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        for (S3ProxyServer s : new S3ProxyServer[] {signed, open}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    /** Signed with the default chain (system properties) against {@code endpoint}, fast retries. */
    private static SourceOptions signedAt(URI endpoint) {
        return S3TestSupport.fastRetries()
                .with(S3Options.ENDPOINT, endpoint)
                .with(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN);
    }

    /** Unsigned against {@code endpoint}, fast retries. */
    private static SourceOptions anonymousAt(URI endpoint) {
        return S3TestSupport.fastRetries()
                .with(S3Options.ENDPOINT, endpoint)
                .with(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
    }

    private URI proxyTo(S3ProxyServer upstream, IntFunction<FaultProxy.Action> policy) {
        proxy = new FaultProxy(upstream.endpoint().toString(), policy);
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    private static Throwable failure(ByteRangeSource s) {
        return assertThrows(RuntimeException.class, () -> s.read(RANGE).block(S3TestSupport.TIMEOUT));
    }

    private static Throwable listingFailure(URI uri, SourceOptions options) {
        Flux<URI> listing = ByteRangeSources.installed().expand(uri, options);
        return assertThrows(RuntimeException.class, () -> listing.collectList().block(S3TestSupport.TIMEOUT));
    }

    private static void assertExact(RangeBytes r) {
        assertEquals(RANGE.offset(), r.offset());
        assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) RANGE.offset(), (int) RANGE.end()), S3TestSupport.bytes(r));
        assertEquals(CONTENT.length, r.objectSize().getAsLong());
    }

    /** A permanent failure: one request, no retry. */
    private static void assertNotRetried(ByteRangeSource s) {
        assertEquals(1, s.stats().requests());
        assertEquals(0, s.stats().retries());
    }

    @Test
    void missingKeyShouldBeNotFoundWithoutRetry() {
        ByteRangeSource s = ByteRangeSources.open(URI.create("s3://data/no-such-key.fits"), signedAt(signed.endpoint()));
        Throwable e = failure(s);
        assertInstanceOf(ObjectNotFoundException.class, e);
        assertEquals(URI.create("s3://data/no-such-key.fits"), ((ObjectNotFoundException) e).uri().orElseThrow());
        assertNotRetried(s);
    }

    @Test
    void missingBucketShouldBeNotFoundWithoutRetry() {
        ByteRangeSource s = ByteRangeSources.open(URI.create("s3://no-such-bucket/key.fits"), signedAt(signed.endpoint()));
        assertInstanceOf(ObjectNotFoundException.class, failure(s));
        assertNotRetried(s);
        assertInstanceOf(ObjectNotFoundException.class,
                listingFailure(URI.create("s3://no-such-bucket/dir/"), signedAt(signed.endpoint())));
    }

    @Test
    void anonymousRequestToASignedServerShouldBeAccessDeniedWithAHint() {
        ByteRangeSource s = ByteRangeSources.open(OBJECT, anonymousAt(signed.endpoint()));
        Throwable e = failure(s);
        assertInstanceOf(ObjectAccessDeniedException.class, e);
        assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertNotRetried(s);

        Throwable list = listingFailure(URI.create("s3://data/rp/"), anonymousAt(signed.endpoint()));
        assertInstanceOf(ObjectAccessDeniedException.class, list);
        assertTrue(list.getMessage().contains("anonymous"), list.getMessage());
    }

    /**
     * The keys come from the default chain (system properties, read when a request is signed), and
     * clients are cached per configuration: a MAX_CONCURRENCY of its own gives this test a client
     * that no other test shares, built after the secret was changed.
     */
    @Test
    void wrongSecretShouldBeAccessDeniedWithoutRetry() {
        String secret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.secretAccessKey", WRONG_SECRET);
        try {
            ByteRangeSource s = ByteRangeSources.open(OBJECT,
                    signedAt(signed.endpoint()).with(S3Options.MAX_CONCURRENCY, 7));
            Throwable e = failure(s);
            assertInstanceOf(ObjectAccessDeniedException.class, e);
            assertFalse(e.getMessage().contains(WRONG_SECRET), e.getMessage());
            assertNotRetried(s);
        } finally {
            System.setProperty("aws.secretAccessKey", secret);
        }
        // the right secret again: the same configuration now reads
        ByteRangeSource again = ByteRangeSources.open(OBJECT, signedAt(signed.endpoint()).with(S3Options.MAX_CONCURRENCY, 7));
        assertExact(again.read(RANGE).block(S3TestSupport.TIMEOUT));
    }

    @Test
    void requesterPaysShouldSendTheHeaderOnGetsAndListings() {
        URI endpoint = proxyTo(open, i -> FaultProxy.Action.FORWARD);
        SourceOptions paying = anonymousAt(endpoint).with(S3Options.REQUESTER_PAYS, true);

        assertExact(ByteRangeSources.open(OBJECT, paying).read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(List.of(URI.create("s3://data/rp/listed.bin")),
                ByteRangeSources.installed().expand(URI.create("s3://data/rp/"), paying).collectList()
                        .block(S3TestSupport.TIMEOUT));

        List<RangeFileServer.Request> paid = proxy.received();
        assertEquals(2, paid.size(), paid::toString);
        assertTrue(paid.get(0).uri().startsWith("/data/obj.bin"), paid.get(0)::uri);
        assertTrue(paid.get(1).uri().contains("list-type=2"), paid.get(1)::uri);
        for (RangeFileServer.Request r : paid) {
            assertEquals("requester", r.headers().get("x-amz-request-payer"), r::uri);
        }

        SourceOptions notPaying = anonymousAt(endpoint);
        assertExact(ByteRangeSources.open(OBJECT, notPaying).read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(1, ByteRangeSources.installed().expand(URI.create("s3://data/rp/"), notPaying).collectList()
                .block(S3TestSupport.TIMEOUT).size());
        List<RangeFileServer.Request> unpaid = proxy.received().subList(2, proxy.received().size());
        assertEquals(2, unpaid.size(), unpaid::toString);
        assertTrue(unpaid.get(1).uri().contains("list-type=2"), unpaid.get(1)::uri);
        for (RangeFileServer.Request r : unpaid) {
            assertNull(r.headers().get("x-amz-request-payer"), r::uri);
        }
    }

    @Test
    void requesterPaysAgainstAStrictServerShouldFailPermanently() {
        // s3proxy without ignoreUnknownHeaders answers x-amz-request-payer with 501 NotImplemented
        ByteRangeSource s = ByteRangeSources.open(OBJECT,
                signedAt(signed.endpoint()).with(S3Options.REQUESTER_PAYS, true));
        assertInstanceOf(PermanentException.class, failure(s));
        assertNotRetried(s);
    }

    @Test
    void unavailableOnceShouldBeRetriedToTheRightBytes() {
        URI endpoint = proxyTo(signed, i -> i == 0 ? FaultProxy.Action.status(503, Map.of()) : FaultProxy.Action.FORWARD);
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        assertExact(s.read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(1, s.stats().retries());
        assertEquals(2, s.stats().requests());
        assertEquals(2, proxy.received().size());
    }

    @Test
    void unavailableForeverShouldFailTransientlyAfterThreeRetries() {
        URI endpoint = proxyTo(signed, i -> FaultProxy.Action.status(503, Map.of()));
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        Throwable e = failure(s);
        assertInstanceOf(TransientSourceException.class, e);
        assertTrue(e.getMessage().contains("3 retries"), e.getMessage());
        assertEquals(3, s.stats().retries());
        assertEquals(4, s.stats().requests());
        assertEquals(4, proxy.received().size());
    }

    @Test
    void slowDownOnceShouldBeRetriedToTheRightBytes() {
        URI endpoint = proxyTo(signed, i -> i == 0 ? FaultProxy.Action.status(429, Map.of()) : FaultProxy.Action.FORWARD);
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        assertExact(s.read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(1, s.stats().retries());
    }

    @Test
    void connectionResetOnceShouldBeRetriedToTheRightBytes() {
        URI endpoint = proxyTo(signed, i -> i == 0 ? FaultProxy.Action.reset() : FaultProxy.Action.FORWARD);
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        assertExact(s.read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(1, s.stats().retries());
        assertEquals(2, s.stats().requests());
    }

    @Test
    void truncatedBodyOnceShouldBeRetriedToTheRightBytes() {
        URI endpoint = proxyTo(signed, i -> i == 0 ? FaultProxy.Action.truncateAfter(1000) : FaultProxy.Action.FORWARD);
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        assertExact(s.read(RANGE).block(S3TestSupport.TIMEOUT));
        assertEquals(1, s.stats().retries());
        assertEquals(2, s.stats().requests());
    }

    @Test
    void answer200WithoutContentRangeShouldBeRangeNotSupportedWithoutRetry() {
        URI endpoint = proxyTo(signed, i -> FaultProxy.Action.status(200, Map.of()));
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        assertInstanceOf(RangeNotSupportedException.class, failure(s));
        assertNotRetried(s);
    }

    @Test
    void answerForAnotherRangeShouldFailPermanentlyWithoutRetry() {
        URI endpoint = proxyTo(signed, i -> FaultProxy.Action.status(206,
                Map.of("Content-Range", "bytes 0-65535/" + CONTENT.length)));
        ByteRangeSource s = ByteRangeSources.open(OBJECT, signedAt(endpoint));
        Throwable e = failure(s);
        assertInstanceOf(PermanentException.class, e);
        assertFalse(e instanceof TransientSourceException);
        assertNotRetried(s);
    }

    /**
     * A server that ignores Range and sends the whole object with 200 (here a plain file server
     * standing in for an S3-compatible endpoint, path style): the answer is refused and its body
     * is not read.
     */
    @Test
    void wholeObjectAnswerShouldBeRangeNotSupportedAndItsBodyNotRead() throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("ignoring"));
        try (RandomAccessFile big = new RandomAccessFile(Files.createDirectories(root.resolve(BUCKET))
                .resolve("big.bin").toFile(), "rw")) {
            big.setLength(256L << 20);
        }
        RangeFileServer whole = RangeFileServer.ignoringRange(root);
        try {
            ByteRangeSource s = ByteRangeSources.open(URI.create("s3://data/big.bin"),
                    anonymousAt(URI.create("http://127.0.0.1:" + whole.port())));
            assertInstanceOf(RangeNotSupportedException.class, failure(s));
            assertNotRetried(s);
            assertEquals(0, s.stats().bytesRead());
            assertEquals(1, whole.requests().size());
            assertEquals("bytes=1000-66535", whole.requests().get(0).range());
            Thread.sleep(500); // 256 MiB over loopback would have been sent by now
            assertFalse(whole.wholeBodySent("big.bin"), "the transfer was cancelled");
        } finally {
            whole.close();
        }
    }
}

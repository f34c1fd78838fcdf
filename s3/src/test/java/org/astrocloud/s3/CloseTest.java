package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Closing the S3 provider's clients ({@code ByteRangeSources.close()}) against an embedded
 * s3proxy: the SDK client is closed (a further call on it fails) and its event loop threads end,
 * sources and listings from before fail with a permanent error (also a GET in flight, at once and
 * without retry), new sources build a new client, and closing twice or before any use is
 * harmless. Each test has a provider of its own, so that nothing here touches the installed one.
 */
class CloseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String BUCKET = "data";
    private static final URI OBJECT = URI.create("s3://data/obj.bin");
    private static final byte[] CONTENT = new byte[20_000];
    private static final ByteRange RANGE = ByteRange.of(100, 1000);
    private static final Predicate<Throwable> CLOSED = e -> e instanceof PermanentSourceException
            && !(e instanceof TransientSourceException) && e.getMessage().contains("were closed");

    static S3ProxyServer server;

    private final S3ByteRangeSourceProvider provider = new S3ByteRangeSourceProvider();
    private final ByteRangeSources sources = ByteRangeSources.of(List.of(provider));
    private FaultProxy proxy;

    @BeforeAll
    static void start() {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) (i * 31);
        }
        server = S3ProxyServer.inMemory().anonymous().ignoreUnknownHeaders().start();
        server.createBucket(BUCKET);
        server.put(BUCKET, "obj.bin", CONTENT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeEverything() {
        sources.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    private static SourceOptions at(URI endpoint) {
        return S3TestSupport.fastRetries()
                .with(S3Options.ENDPOINT, endpoint)
                .with(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
    }

    private static void assertExact(RangeBytes r) {
        assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) RANGE.offset(), (int) RANGE.end()), S3TestSupport.bytes(r));
    }

    private static Set<Thread> loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("astro-cloud-s3-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeShouldCloseTheSdkClientAndEndItsEventLoopThreads() throws Exception {
        S3Clients clients = new S3Clients();
        Set<Thread> before = loopThreads();
        S3Clients.S3Client client = clients.current().client(S3ClientConfig.from(at(server.endpoint()), null))
                .block(TIMEOUT);
        assertEquals(CONTENT.length, client.sdk().headObject(b -> b.bucket(BUCKET).key("obj.bin"))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contentLength());
        Set<Thread> ours = loopThreads();
        ours.removeAll(before);
        assertFalse(ours.isEmpty(), "the call ran on event loops of the provider's own");

        clients.disposeLater().block(TIMEOUT);

        assertThrows(Exception.class, () -> client.sdk().headObject(b -> b.bucket(BUCKET).key("obj.bin"))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the old client is closed");
        for (Thread t : ours) {
            t.join(TIMEOUT.toMillis());
            assertFalse(t.isAlive(), t.getName() + " has ended");
        }
        StepVerifier.create(clients.current().client(S3ClientConfig.from(at(server.endpoint()), null)))
                .assertNext(fresh -> assertFalse(fresh.sdk() == client.sdk(), "a new client after the close"))
                .expectComplete()
                .verify(TIMEOUT);
        clients.disposeLater().block(TIMEOUT);
    }

    @Test
    void sourcesAndListingsFromBeforeCloseShouldFailPermanentlyAndNewOnesShouldWork() {
        ByteRangeSource old = sources.get(OBJECT, at(server.endpoint()));
        assertExact(old.read(RANGE).block(TIMEOUT));
        Flux<URI> listing = provider.expand(URI.create("s3://data/"), at(server.endpoint())); // not yet subscribed to

        sources.close();

        StepVerifier.create(old.read(RANGE)).expectErrorMatches(CLOSED).verify(TIMEOUT);
        StepVerifier.create(listing).expectErrorMatches(CLOSED).verify(TIMEOUT);
        assertEquals(0, old.stats().retries());
        assertEquals(1, old.stats().requests(), "a closed source sends nothing");

        assertExact(sources.get(OBJECT, at(server.endpoint())).read(RANGE).block(TIMEOUT));
        StepVerifier.create(sources.expand(URI.create("s3://data/"), at(server.endpoint())))
                .expectNext(OBJECT)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void closingBeforeAnyUseAndClosingTwiceShouldBeHarmless() {
        sources.close();
        assertExact(sources.get(OBJECT, at(server.endpoint())).read(RANGE).block(TIMEOUT));
        sources.close();
        sources.close();
        StepVerifier.create(sources.disposeLater()).expectComplete().verify(TIMEOUT);
        assertExact(sources.get(OBJECT, at(server.endpoint())).read(RANGE).block(TIMEOUT));
    }

    @Test
    void closeWhileAGetIsInFlightShouldFailItAtOnceWithoutRetrying() {
        CountDownLatch arrived = new CountDownLatch(1);
        proxy = new FaultProxy(server.endpoint().toString(), n -> {
            arrived.countDown();
            return FaultProxy.Action.delay(Duration.ofSeconds(60)); // no answer before the close
        });
        ByteRangeSource s = sources.get(OBJECT, at(URI.create("http://127.0.0.1:" + proxy.port())));

        StepVerifier.create(s.read(RANGE))
                .then(() -> {
                    try {
                        assertTrue(arrived.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the GET reached the proxy");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    sources.close();
                })
                .expectErrorSatisfies(e -> assertTrue(CLOSED.test(e), String.valueOf(e)))
                .verify(TIMEOUT);
        assertEquals(0, s.stats().retries(), "closing is not a fault to retry");
        assertEquals(1, proxy.received().size());
        assertInstanceOf(PermanentSourceException.class, assertThrows(RuntimeException.class,
                () -> s.read(RANGE).block(TIMEOUT)));
    }
}

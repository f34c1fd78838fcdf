package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.astrocloud.fits.error.PermanentSourceException;
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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Closing the HTTP provider's resources ({@code ByteRangeSources.close()}) against a real range
 * server: the server sees the pooled connection closed, the event loop threads end, sources
 * opened before fail with a permanent error (also a read in flight, at once and without retry),
 * new sources get new connections, and closing twice or before any use is harmless. Each test has
 * a provider of its own, so that nothing here touches the installed one.
 */
class CloseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] CONTENT = ByteRangeSourceContract.content(100_000, 7);
    private static final ByteRange RANGE = ByteRange.of(1000, 4000);

    @TempDir
    static Path dir;
    static RangeFileServer server;

    private final ByteRangeSources sources = ByteRangeSources.of(List.of(new HttpByteRangeSourceProvider()));
    private FaultProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Files.write(dir.resolve("data.bin"), CONTENT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeEverything() {
        sources.close();
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A new server per test, so that its connection counts are this test's alone. */
    private URI data() {
        server = RangeFileServer.serving(dir);
        return URI.create(server.url("data.bin"));
    }

    private static SourceOptions fastRetries() {
        return SourceOptions.empty()
                .with(HttpOptions.RETRY_BACKOFF, Duration.ofMillis(10))
                .with(HttpOptions.MAX_RETRY_BACKOFF, Duration.ofMillis(50));
    }

    private static void assertExact(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) RANGE.offset(), (int) RANGE.end()), got);
    }

    private static Set<Thread> loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("astro-cloud-http-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeShouldCloseThePooledConnectionAndEndTheEventLoopThreads() throws InterruptedException {
        Set<Thread> before = loopThreads();
        assertExact(sources.get(data(), SourceOptions.empty()).read(RANGE).block(TIMEOUT));
        assertTrue(server.openConnections() > 0, "the connection stays open in the pool after the read");
        Set<Thread> ours = loopThreads();
        ours.removeAll(before);
        assertFalse(ours.isEmpty(), "the read ran on event loops of the provider's own");

        sources.close();

        // an idle pooled connection would otherwise stay open for 30 s
        StepVerifier.create(server.noConnectionOpen()).expectComplete().verify(TIMEOUT);
        for (Thread t : ours) {
            t.join(TIMEOUT.toMillis());
            assertFalse(t.isAlive(), t.getName() + " has ended");
        }
    }

    @Test
    void aSourceOpenedBeforeCloseShouldFailPermanentlyAndANewSourceShouldReadOverANewConnection() {
        URI uri = data();
        ByteRangeSource old = sources.get(uri, fastRetries());
        assertExact(old.read(RANGE).block(TIMEOUT));
        assertEquals(1, server.connectionsAccepted());

        sources.close();

        StepVerifier.create(old.read(RANGE))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(PermanentSourceException.class, e);
                    assertTrue(e.getMessage().contains("were closed"), e.getMessage());
                })
                .verify(TIMEOUT);
        assertEquals(1, server.requests().size(), "a closed source sends nothing");
        assertEquals(0, old.stats().retries());

        assertExact(sources.get(uri, fastRetries()).read(RANGE).block(TIMEOUT));
        assertEquals(2, server.requests().size());
        assertEquals(2, server.connectionsAccepted(), "the old pool is gone: a new connection");
    }

    @Test
    void closingBeforeAnyUseAndClosingTwiceShouldBeHarmless() {
        sources.close();
        URI uri = data();
        assertExact(sources.get(uri, SourceOptions.empty()).read(RANGE).block(TIMEOUT));
        sources.close();
        sources.close();
        StepVerifier.create(sources.disposeLater()).expectComplete().verify(TIMEOUT);
        assertExact(sources.get(uri, SourceOptions.empty()).read(RANGE).block(TIMEOUT));
    }

    @Test
    void closeWhileAReadIsInFlightShouldFailThatReadAtOnceWithoutRetrying() throws Exception {
        server = RangeFileServer.serving(dir);
        CountDownLatch arrived = new CountDownLatch(1);
        proxy = new FaultProxy("http://127.0.0.1:" + server.port(), n -> {
            arrived.countDown();
            return FaultProxy.Action.delay(Duration.ofSeconds(60)); // no answer before the close
        });
        ByteRangeSource s = sources.get(URI.create(proxy.url("data.bin")), fastRetries());

        StepVerifier.create(s.read(RANGE))
                .then(() -> {
                    try {
                        assertTrue(arrived.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the request reached the proxy");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    sources.close();
                })
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(PermanentSourceException.class, e);
                    assertFalse(e instanceof TransientSourceException);
                    assertTrue(e.getMessage().contains("were closed"), e.getMessage());
                })
                .verify(TIMEOUT);
        assertEquals(0, s.stats().retries(), "closing is not a fault to retry");
        assertEquals(1, proxy.received().size());
    }

    @Test
    void disposeLaterShouldNotBlockWhenSubscribedOnANonBlockingThread() {
        assertExact(sources.get(data(), SourceOptions.empty()).read(RANGE).block(TIMEOUT));
        // BlockHound is installed for this JVM: a blocking call on the parallel thread would fail this
        StepVerifier.create(Mono.defer(sources::disposeLater).subscribeOn(Schedulers.parallel()))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(server.noConnectionOpen()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void closeShouldRefuseToBlockANonBlockingThread() {
        Throwable e = assertThrows(IllegalStateException.class,
                () -> Mono.fromRunnable(sources::close).subscribeOn(Schedulers.parallel()).block(TIMEOUT));
        assertTrue(e.getMessage().contains("block"), e.getMessage());
    }
}

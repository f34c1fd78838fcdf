package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.GcsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GCS's answers for a missing object or bucket, a refused caller and throttling, as our typed errors. */
class GcsFailureClassesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static GcsServer server;

    @BeforeAll
    static void start() throws IOException {
        server = GcsServer.builder(dir).acceptTokens("good"::equals).publicBucket("pub").forbiddenBucket("locked").start();
        Files.write(server.placeFile("pub", "a.fits"), new byte[5760]);
        Files.write(server.placeFile("private", "a.fits"), new byte[5760]);
        Files.write(server.placeFile("locked", "a.fits"), new byte[5760]);
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        server.close();
    }

    private static SourceOptions options(URI endpoint) {
        return SourceOptions.empty().with(GcsOptions.ENDPOINT, endpoint)
                .with(GcsOptions.CREDENTIALS, GcsCredentials.anonymous()).with(RetryOptions.MAX_RETRIES, 0);
    }

    private static Throwable read(String uri, SourceOptions options) {
        return assertThrows(RuntimeException.class,
                () -> ByteRangeSources.open(URI.create(uri), options).read(new ByteRange(0, 2880)).block(TIMEOUT));
    }

    private static Throwable list(String uri, SourceOptions options) {
        return assertThrows(RuntimeException.class,
                () -> ByteRangeSources.installed().expand(URI.create(uri), options).collectList().block(TIMEOUT));
    }

    @Test
    void missingObjectShouldBeNotFound() {
        assertInstanceOf(ObjectNotFoundException.class, read("gs://pub/nothing.fits", options(server.endpoint())));
    }

    @Test
    void missingBucketShouldBeNotFoundForReadsAndListings() {
        assertInstanceOf(ObjectNotFoundException.class, read("gs://no-such-bucket/a.fits", options(server.endpoint())));
        Throwable e = list("gs://no-such-bucket/", options(server.endpoint()));
        assertInstanceOf(ObjectNotFoundException.class, e);
        assertTrue(e.getMessage().contains("The specified bucket does not exist"), e::getMessage);
    }

    @Test
    void anonymousCallerOfAPrivateBucketShouldBeDenied() {
        assertInstanceOf(ObjectAccessDeniedException.class, read("gs://private/a.fits", options(server.endpoint())));
        Throwable e = list("gs://private/", options(server.endpoint()));
        assertInstanceOf(ObjectAccessDeniedException.class, e);
        assertTrue(e.getMessage().contains("GCS 401") && e.getMessage().contains("anonymous"), e::getMessage);
    }

    @Test
    void forbiddenBucketShouldBeDenied() {
        assertInstanceOf(ObjectAccessDeniedException.class, read("gs://locked/a.fits", options(server.endpoint())));
        Throwable e = list("gs://locked/", options(server.endpoint()));
        assertInstanceOf(ObjectAccessDeniedException.class, e);
        assertTrue(e.getMessage().contains("GCS 403"), e::getMessage);
    }

    @Test
    void throttlingShouldBeTransientForReadsAndListings() {
        for (int status : new int[] {429, 503}) {
            try (FaultProxy proxy = new FaultProxy(server.endpoint().toString(),
                    i -> FaultProxy.Action.status(status, Map.of("Retry-After", "0")))) {
                SourceOptions viaProxy = options(URI.create("http://127.0.0.1:" + proxy.port()));
                Throwable e = read("gs://pub/a.fits", viaProxy);
                assertInstanceOf(TransientSourceException.class, e, e::toString);
                assertTrue(e.getMessage().contains(Integer.toString(status)), e::getMessage);
                Throwable l = list("gs://pub/", viaProxy);
                assertInstanceOf(TransientSourceException.class, l, l::toString);
            }
        }
    }

    @Test
    void aStalledReadOrListingShouldEndAtTheReadTimeoutGivenForHttp() {
        // fits-scan --read-timeout sets HttpOptions.READ_TIMEOUT; GCS reads go through the http module and obey it
        try (FaultProxy proxy = new FaultProxy(server.endpoint().toString(), i -> FaultProxy.Action.delay(Duration.ofSeconds(20)))) {
            SourceOptions stalled = options(URI.create("http://127.0.0.1:" + proxy.port()))
                    .with(org.astrocloud.http.HttpOptions.READ_TIMEOUT, Duration.ofMillis(300));
            for (boolean listing : new boolean[] {false, true}) {
                long start = System.nanoTime();
                Throwable e = listing ? list("gs://pub/", stalled) : read("gs://pub/a.fits", stalled);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertInstanceOf(TransientSourceException.class, e, e::toString);
                assertTrue(e.getMessage().contains("read time-out"), e::getMessage);
                assertTrue(millis < 10_000, "ended after " + millis + " ms, not at the 20 s stall's end");
            }
        }
    }

    @Test
    void aRefusedOrResetListingShouldBeTransient() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Throwable refused = list("gs://pub/", options(URI.create("http://127.0.0.1:" + closedPort)));
        assertInstanceOf(TransientSourceException.class, refused, refused::toString);
        assertTrue(refused.getMessage().contains("connection failed"), refused::getMessage);
        assertEquals(URI.create("gs://pub/"), ((TransientSourceException) refused).uri().orElseThrow());

        try (FaultProxy proxy = new FaultProxy(server.endpoint().toString(), i -> FaultProxy.Action.reset())) {
            Throwable reset = list("gs://pub/", options(URI.create("http://127.0.0.1:" + proxy.port())));
            assertInstanceOf(TransientSourceException.class, reset, reset::toString);
        }
    }

    @Test
    void aListingThatFailsOnceShouldBeAskedAgainAndComplete() {
        try (FaultProxy proxy = new FaultProxy(server.endpoint().toString(),
                i -> i == 0 ? FaultProxy.Action.reset() : FaultProxy.Action.FORWARD)) {
            SourceOptions once = options(URI.create("http://127.0.0.1:" + proxy.port()))
                    .with(RetryOptions.MAX_RETRIES, 2).with(RetryOptions.BACKOFF, Duration.ofMillis(1));
            assertEquals(List.of(URI.create("gs://pub/a.fits")),
                    ByteRangeSources.installed().expand(URI.create("gs://pub/"), once).collectList().block(TIMEOUT));
            assertEquals(2, proxy.requestCount(), () -> "requests: " + proxy.received());
        }
    }
}

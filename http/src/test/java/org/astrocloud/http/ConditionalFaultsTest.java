package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.Revalidation;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revalidations and pinned reads take the path reads take: redirects (the condition on every hop,
 * the token only to the origin), retries of transient failures, typed permanent errors.
 */
class ConditionalFaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN = "conditional-secret";

    @TempDir
    static Path dir;
    static RangeFileServer upstream;
    static String etag;
    FaultProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Files.write(dir.resolve("obj.bin"), new byte[20_000]);
        etag = ConditionalServerCases.etag(dir.resolve("obj.bin"));
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

    private ByteRangeSource via(IntFunction<FaultProxy.Action> policy, String path) {
        proxy = new FaultProxy("http://127.0.0.1:" + upstream.port(), policy);
        return ByteRangeSources.open(URI.create(proxy.url(path)), SourceOptions.empty()
                .with(HttpOptions.RETRY_BACKOFF, Duration.ofMillis(10))
                .with(HttpOptions.BEARER_TOKEN, TOKEN));
    }

    private List<RangeFileServer.Request> atUpstreamSince(int before) {
        return upstream.requests().subList(before, upstream.requests().size());
    }

    @Test
    void aRevalidationRedirectedToAnotherHostShouldCarryItsConditionButNotTheToken() {
        int before = upstream.requests().size();
        ByteRangeSource s = via(i -> FaultProxy.Action.redirect(302, "http://localhost:" + upstream.port() + "/obj.bin"), "obj.bin");

        Revalidation r = s.revalidate(ObjectInfo.of(s.uri()).withValidator(etag)).block(TIMEOUT);

        assertTrue(r.unchanged(), r::toString);
        assertEquals(etag, proxy.received().get(0).headers().get("If-None-Match"));
        assertEquals("Bearer " + TOKEN, proxy.received().get(0).authorization());
        List<RangeFileServer.Request> there = atUpstreamSince(before);
        assertEquals(1, there.size());
        assertEquals(etag, there.get(0).headers().get("If-None-Match"));
        assertEquals("bytes=0-0", there.get(0).range());
        assertNull(there.get(0).authorization(), "no token to another host");
        assertEquals(2, s.stats().requests(), "the redirect and its target");
    }

    @Test
    void aRevalidationShouldBeRetriedAfterATransientFailure() {
        ByteRangeSource s = via(i -> i == 0 ? FaultProxy.Action.status(503, Map.of()) : FaultProxy.Action.FORWARD, "obj.bin");

        Revalidation r = s.revalidate(ObjectInfo.of(s.uri()).withValidator(etag)).block(TIMEOUT);

        assertTrue(r.unchanged(), r::toString);
        assertEquals(1, s.stats().retries());
        assertEquals(2, proxy.received().size());
    }

    @Test
    void aRevalidationOfAMissingObjectShouldBeNotFoundAndNotRetried() {
        ByteRangeSource s = via(i -> FaultProxy.Action.FORWARD, "gone.bin");

        assertThrows(ObjectNotFoundException.class, () -> s.revalidate(ObjectInfo.of(s.uri()).withValidator(etag)).block(TIMEOUT));
        assertEquals(1, proxy.received().size());
    }

    @Test
    void aPinnedReadShouldCarryIfMatchOnEveryHopAndFailTypedOnAMismatch() {
        int before = upstream.requests().size();
        ByteRangeSource s = via(i -> i % 2 == 0 ? FaultProxy.Action.redirect(307, "/obj.bin?hop") : FaultProxy.Action.FORWARD,
                "obj.bin");

        assertEquals(1000, s.pinned(etag).read(ByteRange.of(0, 1000)).block(TIMEOUT).length());
        ObjectChangedException e = assertThrows(ObjectChangedException.class,
                () -> s.pinned("\"another-version\"").read(ByteRange.of(500, 10)).block(TIMEOUT));

        assertEquals(List.of(etag, etag, "\"another-version\"", "\"another-version\""),
                proxy.received().stream().map(r -> r.headers().get("If-Match")).toList());
        assertEquals(java.util.OptionalLong.of(500), e.offset());
        assertEquals(0, s.stats().retries());
        assertEquals(List.of(etag, "\"another-version\""),
                atUpstreamSince(before).stream().map(r -> r.headers().get("If-Match")).toList(), "the forwarded hops");
    }
}

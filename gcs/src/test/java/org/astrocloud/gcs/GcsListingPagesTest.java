package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

/**
 * Listings against a local server that makes up {@code objects.list} pages in the JSON API's documented form
 * (no files behind them, so that thousands of pages are cheap) or answers with what no GCS page is: thousands
 * of one-object pages list flat, in order, page by page on demand; a page that fails once is asked again;
 * malformed and endless answers are permanent errors.
 */
class GcsListingPagesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGES = 3_000;
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private static DisposableServer server;
    private static final GcsByteRangeSourceProvider provider = new GcsByteRangeSourceProvider();

    @BeforeAll
    static void start() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String bucket = q.path().replaceFirst("^/storage/v1/b/([^/]+)/o$", "$1");
            int n = requests.computeIfAbsent(bucket, b -> new AtomicInteger()).getAndIncrement();
            List<String> token = q.parameters().get("pageToken");
            int page = token == null ? 0 : Integer.parseInt(token.get(0));
            return switch (bucket) {
                // object o-NNNNN on page NNNNN, 2880 * (NNNNN + 1) bytes
                case "many" -> json(res, 200, "{\"kind\":\"storage#objects\","
                        + (page + 1 < PAGES ? "\"nextPageToken\":\"" + (page + 1) + "\"," : "")
                        + "\"items\":[{\"kind\":\"storage#object\",\"name\":\"" + name(page) + "\",\"size\":\""
                        + 2880L * (page + 1) + "\",\"updated\":\"2026-11-30T12:00:00.250Z\"}]}");
                case "flaky" -> n == 0 ? json(res, 503, "{\"error\":{\"code\":503,\"message\":\"Backend Error\"}}")
                        : json(res, 200, "{\"items\":[{\"name\":\"a.fits\",\"size\":\"5760\"}]}");
                case "noname" -> json(res, 200, "{\"items\":[{\"size\":\"5760\"}]}");
                case "badsize" -> json(res, 200, "{\"items\":[{\"name\":\"a.fits\",\"size\":\"lots\"}]}");
                case "negative" -> json(res, 200, "{\"items\":[{\"name\":\"a.fits\",\"size\":\"-7\"}]}");
                case "array" -> json(res, 200, "[{\"name\":\"a.fits\"}]");
                case "html" -> json(res, 200, "<html><body>Sign in</body></html>");
                // 17 MiB of blanks and then an empty page: valid JSON, but no page of GCS is this long
                case "endless" -> res.status(200).header("Content-Type", "application/json")
                        .sendString(Flux.range(0, 17).map(i -> " ".repeat(1 << 20)).concatWith(Mono.just("{}"))).then();
                default -> json(res, 404, "{\"error\":{\"code\":404,\"message\":\"The specified bucket does not exist.\"}}");
            };
        }).bindNow();
    }

    @AfterAll
    static void stop() {
        provider.disposeLater().block(TIMEOUT);
        server.disposeNow();
    }

    private static Mono<Void> json(HttpServerResponse res, int status, String body) {
        return res.status(status).header("Content-Type", "application/json; charset=UTF-8")
                .sendByteArray(Mono.just(body.getBytes(StandardCharsets.UTF_8))).then();
    }

    private static String name(int page) {
        return String.format("o-%05d.fits", page);
    }

    private static SourceOptions options(int retries) {
        return SourceOptions.empty().with(GcsOptions.ENDPOINT, URI.create("http://127.0.0.1:" + server.port()))
                .with(GcsOptions.CREDENTIALS, GcsCredentials.anonymous())
                .with(RetryOptions.MAX_RETRIES, retries).with(RetryOptions.BACKOFF, Duration.ofMillis(1));
    }

    @Test
    void thousandsOfPagesShouldListFlatAndInOrder() {
        List<ObjectInfo> all = provider.list(URI.create("gs://many/"), options(0)).collectList().block(TIMEOUT);

        assertEquals(IntStream.range(0, PAGES).mapToObj(p -> "gs://many/" + name(p)).toList(),
                all.stream().map(o -> o.uri().toString()).toList());
        assertEquals(2880L * PAGES, all.get(PAGES - 1).size());
        assertEquals(java.time.Instant.parse("2026-11-30T12:00:00.250Z"), all.get(0).lastModified());
    }

    @Test
    void eachPageShouldBeAskedOnlyWhenTheObjectsBeforeItAreRequested() {
        AtomicInteger asked = requests.computeIfAbsent("many", b -> new AtomicInteger());
        int[] before = {asked.get()};
        StepVerifier.create(provider.expand(URI.create("gs://many/"), options(0)), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(200))
                .then(() -> assertEquals(before[0], asked.get(), "a page was asked before any URI was"))
                .thenRequest(1)
                .expectNext(URI.create("gs://many/" + name(0)))
                .thenRequest(2)
                .expectNext(URI.create("gs://many/" + name(1)), URI.create("gs://many/" + name(2)))
                .thenAwait(Duration.ofMillis(200))
                // pages 0-2 gave the 3 URIs; page 3 is asked once all of page 2 was: no page further
                .then(() -> assertEquals(before[0] + 4, asked.get(), "pages asked ahead of the demand"))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void aPageThatFailsOnceShouldBeAskedAgain() {
        List<ObjectInfo> listed = provider.list(URI.create("gs://flaky/"), options(2)).collectList().block(TIMEOUT);

        assertEquals(List.of("gs://flaky/a.fits"), listed.stream().map(o -> o.uri().toString()).toList());
        assertEquals(5760, listed.get(0).size());
        assertEquals(2, requests.get("flaky").get(), "the 503 and the page asked again");
    }

    @Test
    void answersThatAreNoJsonApiPageShouldBePermanentErrors() {
        for (String bucket : List.of("noname", "badsize", "negative", "array", "html", "endless")) {
            Throwable e = assertThrows(RuntimeException.class,
                    () -> provider.list(URI.create("gs://" + bucket + "/"), options(3)).collectList().block(TIMEOUT));
            assertInstanceOf(PermanentSourceException.class, e, () -> bucket + ": " + e);
            assertEquals(URI.create("gs://" + bucket + "/"), ((PermanentSourceException) e).uri().orElseThrow());
            assertEquals(1, requests.get(bucket).get(), bucket + ": a permanent error is not asked again");
        }
    }

    @Test
    void aMissingBucketShouldBeNotFound() {
        assertInstanceOf(ObjectNotFoundException.class, assertThrows(RuntimeException.class,
                () -> provider.list(URI.create("gs://gone/"), options(3)).collectList().block(TIMEOUT)));
        assertTrue(requests.get("gone").get() == 1);
    }
}

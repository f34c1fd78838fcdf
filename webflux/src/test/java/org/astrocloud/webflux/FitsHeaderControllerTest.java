package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a random port against local servers: a range file server with full-size sparse
 * TESS cubes, the same behind a proxy that delays each request by 2 s, and s3proxy; and a local
 * directory as a {@code file:} root.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FitsHeaderControllerTest {
    private static final String CUBE = "tess-s0022-4-4-cube.fits";
    private static final long CUBE_SIZE = 44_316_717_120L;
    private static final long TABLE_OFFSET = 44_315_069_760L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path root;
    /** Serves {@code allowed/} (under the allowlist) and {@code secret/} (outside it). */
    private static RangeFileServer direct;
    /** The origin behind {@link #slow}. */
    private static RangeFileServer origin;
    /** Delays every request by 2 s. */
    private static FaultProxy slow;
    private static S3ProxyServer s3;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("astro-cloud-webflux");
        Path allowed = Files.createDirectories(root.resolve("www/allowed"));
        TessFiles.writeCube(allowed.resolve(CUBE), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        TessFiles.writeCube(allowed.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
        TessFiles.writeFfi(allowed.resolve("tess2020050192921-s0022-1-4-0174-s_ffic.fits"), 1, 4,
                TessFiles.FfiVariant.STANDARD);
        Files.writeString(allowed.resolve("not-fits.txt"), "hello, not a FITS file\n".repeat(200));
        // a cube cut short: both headers are there, the image data is not
        try (FileChannel cube = FileChannel.open(allowed.resolve(CUBE))) {
            ByteBuffer start = ByteBuffer.allocate(2 * 2880 + 1000);
            while (start.hasRemaining() && cube.read(start) >= 0) {
                // the headers and the first 1,000 bytes of the image
            }
            Files.write(allowed.resolve("truncated.fits"), start.array());
        }
        TessFiles.writeCube(Files.createDirectories(root.resolve("www/secret")).resolve(CUBE), 22, 4, 4, 10);
        Path files = Files.createDirectories(root.resolve("files"));
        TessFiles.writeCube(files.resolve(CUBE), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        Files.createSymbolicLink(files.resolve("secret.fits"), root.resolve("www/secret/" + CUBE));
        Path bucket = Files.createDirectories(root.resolve("s3/tess/sector22"));
        TessFiles.writeCube(bucket.resolve("tess-s0022-2-1-cube.fits"), 22, 2, 1, TessFiles.SECTOR_22_FFIS);
        TessFiles.writeCube(bucket.resolve("tess-s0022-2-2-cube.fits"), 22, 2, 2, TessFiles.SECTOR_22_FFIS);

        direct = RangeFileServer.serving(root.resolve("www"));
        origin = RangeFileServer.serving(root.resolve("www"));
        slow = new FaultProxy("http://127.0.0.1:" + origin.port(), n -> FaultProxy.Action.delay(Duration.ofSeconds(2)));
        s3 = S3ProxyServer.filesystem(root.resolve("s3")).anonymous().start();

        registry.add("astro-cloud.allowed-roots[0]", () -> direct.url("allowed/"));
        registry.add("astro-cloud.allowed-roots[1]", () -> slow.url("allowed/"));
        registry.add("astro-cloud.allowed-roots[2]", () -> "s3://tess/sector22/");
        registry.add("astro-cloud.allowed-roots[3]", () -> "file:" + files);
        // one block per first read, so that a cube takes several reads and cancelling has reads to stop
        registry.add("astro-cloud.read-ahead", () -> "2880");
        registry.add("astro-cloud.concurrency", () -> "4");
        registry.add("astro-cloud.s3.credentials", () -> "ANONYMOUS");
        registry.add("astro-cloud.s3.endpoint", () -> s3.endpoint().toString());
    }

    @AfterAll
    static void stop() throws IOException {
        slow.close();
        origin.close();
        direct.close();
        s3.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static List<JsonNode> lines(String body) {
        assertThat(body).endsWith("\n");
        return Arrays.stream(body.split("\n")).map(FitsHeaderControllerTest::json).toList();
    }

    /** {@code GET /headers} of {@code uri} as Server-Sent Events, checked to be a 200 event stream. */
    private List<ServerSentEvent<String>> events(String uri) {
        return client().get().uri("/headers?uri={uri}", uri)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(20));
    }

    @Test
    void streamsTheCubeHeadersAsNdjson() {
        String body = client().get().uri("/headers?uri={uri}", direct.url("allowed/" + CUBE))
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();

        List<JsonNode> lines = lines(body);
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(l -> l.get("headerOffset").asLong()).containsExactly(0L, 2880L, TABLE_OFFSET);
        assertThat(lines).extracting(l -> l.get("hdu").asInt()).containsExactly(0, 1, 2);
        assertThat(lines).extracting(l -> l.get("kind").asString()).containsExactly("PRIMARY", "IMAGE", "BINTABLE");

        JsonNode primary = lines.get(0);
        assertThat(primary.get("xtension").isNull()).isTrue();
        assertThat(primary.get("naxis").size()).isZero();
        assertThat(primary.get("header").get("SECTOR").asLong()).isEqualTo(22);
        assertThat(primary.get("header").get("CAMERA").asLong()).isEqualTo(4);
        assertThat(primary.get("header").get("SIMPLE").asBoolean()).isTrue();

        JsonNode image = lines.get(1);
        assertThat(image.get("xtension").asString()).isEqualTo("IMAGE");
        assertThat(image.get("bitpix").asInt()).isEqualTo(-32);
        assertThat(image.get("naxis").toString()).isEqualTo("[2,1248,2136,2078]");
        assertThat(image.get("headerSize").asLong()).isEqualTo(2880);
        assertThat(image.get("dataOffset").asLong()).isEqualTo(5760);
        assertThat(image.get("dataSize").asLong()).isEqualTo(44_315_062_272L);
        assertThat(image.get("paddedDataSize").asLong()).isEqualTo(44_315_064_000L);
        assertThat(image.get("cardCount").asInt()).isEqualTo(9);
        assertThat(image.get("header").get("NAXIS2").isIntegralNumber()).isTrue();

        JsonNode table = lines.get(2);
        assertThat(table.get("xtension").asString()).isEqualTo("BINTABLE");
        assertThat(table.get("headerSize").asLong()).isEqualTo(16 * 2880);
        assertThat(table.get("dataOffset").asLong() + table.get("paddedDataSize").asLong()).isEqualTo(CUBE_SIZE);
    }

    @Test
    void noSecretOfAUriAppearsInAnyAnswer() {
        String signed = "?X-Amz-Credential=CREDENTIAL-1&X-Amz-Signature=SIGNATURE-2&plain=visible";
        String cube = direct.url("allowed/" + CUBE) + signed;
        String missing = direct.url("allowed/missing.fits") + signed;
        StringBuilder answers = new StringBuilder();
        for (String uri : List.of(cube, missing)) {
            for (MediaType type : List.of(MediaType.APPLICATION_NDJSON, MediaType.TEXT_EVENT_STREAM)) {
                answers.append(client().get().uri("/headers?uri={uri}", uri).accept(type)
                        .exchange().expectBody(String.class).returnResult().getResponseBody());
            }
        }
        answers.append(client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("uris", List.of(cube, missing)))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(answers.toString()).doesNotContain("CREDENTIAL-1", "SIGNATURE-2")
                .contains("X-Amz-Signature=****", "plain=visible", "ObjectNotFoundException");
    }

    @Test
    void streamsServerSentEvents() {
        List<ServerSentEvent<String>> events = events(direct.url("allowed/" + CUBE));

        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> json(e.data()).get("headerOffset").asLong())
                .containsExactly(0L, 2880L, TABLE_OFFSET);
        assertThat(events).extracting(ServerSentEvent::event).containsOnlyNulls();
    }

    @Test
    void failureAfterTheFirstEventIsANamedErrorEvent() {
        List<ServerSentEvent<String>> events = events(direct.url("allowed/truncated.fits"));

        assertThat(events).hasSize(3);
        assertThat(events).extracting(ServerSentEvent::event).containsExactly(null, null, "error");
        assertThat(events.subList(0, 2)).extracting(e -> json(e.data()).get("hdu").asInt()).containsExactly(0, 1);
        JsonNode error = json(events.get(2).data()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("TruncatedFileException");
        assertThat(error.get("hdu").asInt()).isEqualTo(1);
        // the file is the two headers and 1,000 bytes of the image: it ends at 2 * 2880 + 1000
        assertThat(error.get("offset").asLong()).isEqualTo(6760);
        assertThat(error.get("retryable").asBoolean()).isFalse();
    }

    @Test
    void answersNdjsonToAClientThatAcceptsAnything() {
        for (String accept : List.of("*/*", "application/*, text/*;q=0.5")) {
            String body = client().get().uri("/headers?uri={uri}", direct.url("allowed/" + CUBE))
                    .header("Accept", accept)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(lines(body)).hasSize(3);
        }
        String events = client().get().uri("/headers?uri={uri}", direct.url("allowed/" + CUBE))
                .header("Accept", "text/*")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();   // read to the end: no walk left running
        assertThat(events.lines().filter(line -> line.startsWith("data:"))).hasSize(3);
    }

    @Test
    void readsLocalFilesUnderAFileRoot() throws IOException {
        String cube = "file:" + root.resolve("files/" + CUBE);
        String body = client().get().uri("/headers?uri={uri}", cube)
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = lines(body);
        assertThat(lines).extracting(l -> l.get("headerOffset").asLong()).containsExactly(0L, 2880L, TABLE_OFFSET);
        assertThat(lines.get(2).get("dataOffset").asLong() + lines.get(2).get("paddedDataSize").asLong())
                .isEqualTo(CUBE_SIZE);

        String scans = client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("uris", List.of(cube, "file:" + root.resolve("files/missing.fits"))))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Map<String, JsonNode> byUri = lines(scans).stream()
                .collect(Collectors.toMap(l -> l.get("uri").asString(), Function.identity()));
        String real = "file://" + root.toRealPath() + "/files/";   // the URI read is the file's real path
        assertThat(byUri).containsOnlyKeys(real + CUBE, real + "missing.fits");
        assertThat(byUri.get(real + CUBE).get("size").asLong()).isEqualTo(CUBE_SIZE);
        assertThat(byUri.get(real + CUBE).get("hdus").asInt()).isEqualTo(3);
        assertThat(byUri.get(real + "missing.fits").at("/error/type").asString()).isEqualTo("ObjectNotFoundException");

        client().get().uri("/headers?uri={uri}", "file:" + root.resolve("files/missing.fits"))
                .exchange()
                .expectStatus().isNotFound();
        for (String refused : List.of("file:" + root.resolve("files/secret.fits"),      // a link out of the root
                "file:" + root.resolve("www/allowed/" + CUBE),                          // served over HTTP, not as a file
                "file:" + root.resolve("files/../www/secret/" + CUBE))) {
            client().get().uri("/headers?uri={uri}", refused)
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.error.type").isEqualTo("UriNotAllowedException");
        }
    }

    @Test
    void refusesUrisOutsideTheAllowlistBeforeAnyRead() {
        String base = "http://127.0.0.1:" + direct.port();
        List<String> refused = List.of(
                direct.url("secret/" + CUBE),
                base + "/allowed/../secret/" + CUBE,
                base + "/allowed/%2e%2e/secret/" + CUBE,
                base + "/allowed/..%2Fsecret%2F" + CUBE,
                "http://user:pw@127.0.0.1:" + direct.port() + "/allowed/" + CUBE,
                "http://127.0.0.1:" + origin.port() + "/allowed/" + CUBE,
                "http://localhost:" + direct.port() + "/allowed/" + CUBE,
                root.resolve("www/allowed/" + CUBE).toUri().toString(),
                "s3://tess/other/" + CUBE,
                "not a uri");
        int before = direct.requests().size();
        for (String uri : refused) {
            String body = client().get().uri("/headers?uri={uri}", uri)
                    .accept(MediaType.APPLICATION_NDJSON)
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(json(body).at("/error/type").asString()).as(uri).isEqualTo("UriNotAllowedException");
        }
        client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("uris", List.of(direct.url("allowed/" + CUBE), direct.url("secret/" + CUBE))))
                .exchange()
                .expectStatus().isForbidden();
        client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("prefix", "s3://tess/"))
                .exchange()
                .expectStatus().isForbidden();

        assertThat(direct.requests()).hasSize(before);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void missingFileIsATyped404() {
        String body = client().get().uri("/headers?uri={uri}", direct.url("allowed/missing.fits"))
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode error = json(body).get("error");
        assertThat(error.get("type").asString()).isEqualTo("ObjectNotFoundException");
        assertThat(error.get("message").asString()).contains("missing.fits");
        assertThat(error.get("retryable").asBoolean()).isFalse();

        // the same answer to a client that asked for Server-Sent Events
        client().get().uri("/headers?uri={uri}", direct.url("allowed/missing.fits"))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error.type").isEqualTo("ObjectNotFoundException");
    }

    @Test
    void notFitsIsATyped502() {
        String body = client().get().uri("/headers?uri={uri}", direct.url("allowed/not-fits.txt"))
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json(body).at("/error/type").asString()).isEqualTo("NotFitsException");
    }

    @Test
    void failureAfterTheFirstHeaderIsTheLastLine() {
        String body = client().get().uri("/headers?uri={uri}", direct.url("allowed/truncated.fits"))
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = lines(body);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("hdu").asInt()).isZero();
        assertThat(lines.get(1).get("hdu").asInt()).isEqualTo(1);
        JsonNode error = lines.get(2).get("error");
        assertThat(error.get("type").asString()).isEqualTo("TruncatedFileException");
        assertThat(error.get("hdu").asInt()).isEqualTo(1);
    }

    @Test
    void scansSeveralUrisOneLinePerFile() {
        List<String> uris = List.of(
                direct.url("allowed/" + CUBE),
                direct.url("allowed/tess-s0022-1-1-cube.fits"),
                direct.url("allowed/tess2020050192921-s0022-1-4-0174-s_ffic.fits"),
                direct.url("allowed/missing.fits"),
                direct.url("allowed/not-fits.txt"));
        String body = client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_NDJSON)
                .bodyValue(Map.of("uris", uris))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();

        Map<String, JsonNode> byUri = lines(body).stream()
                .collect(Collectors.toMap(l -> l.get("uri").asString(), Function.identity()));
        assertThat(byUri).hasSize(uris.size()).containsOnlyKeys(uris);

        JsonNode cube = byUri.get(uris.get(0));
        assertThat(cube.get("ok").asBoolean()).isTrue();
        assertThat(cube.get("hdus").asInt()).isEqualTo(3);
        assertThat(cube.get("size").asLong()).isEqualTo(CUBE_SIZE);
        assertThat(cube.get("requests").asLong()).isPositive();
        assertThat(cube.get("bytesRead").asLong()).isBetween(3 * 2880L, 1024 * 1024L);
        assertThat(cube.get("error").isNull()).isTrue();
        assertThat(byUri.get(uris.get(2)).get("hdus").asInt()).isEqualTo(3);

        JsonNode missing = byUri.get(uris.get(3));
        assertThat(missing.get("ok").asBoolean()).isFalse();
        assertThat(missing.get("hdus").asInt()).isZero();
        assertThat(missing.at("/error/type").asString()).isEqualTo("ObjectNotFoundException");
        assertThat(byUri.get(uris.get(4)).at("/error/type").asString()).isEqualTo("NotFitsException");
    }

    @Test
    void scansAnS3Prefix() {
        String body = client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("prefix", "s3://tess/sector22/"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = lines(body);
        assertThat(lines).extracting(l -> l.get("uri").asString()).containsExactlyInAnyOrder(
                "s3://tess/sector22/tess-s0022-2-1-cube.fits", "s3://tess/sector22/tess-s0022-2-2-cube.fits");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("ok").asBoolean()).isTrue();
            assertThat(l.get("hdus").asInt()).isEqualTo(3);
        });
    }

    @Test
    void rejectsMalformedScanRequests() {
        for (Object request : List.of(Map.of(), Map.of("uris", List.of()), Map.of("uris", Arrays.asList("x", null)),
                Map.of("uris", List.of(direct.url("allowed/" + CUBE)), "prefix", "s3://tess/sector22/"))) {
            String body = client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(request)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(json(body).at("/error/type").asString()).isEqualTo("BadScanRequestException");
        }
    }

    @Test
    void clientDisconnectStopsUpstreamReads() throws InterruptedException {
        // the whole walk of the cube, read straight from the server: every read it takes
        int before = direct.requests().size();
        client().get().uri("/headers?uri={uri}", direct.url("allowed/" + CUBE)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        List<RangeFileServer.Request> walk = direct.requests().subList(before, direct.requests().size());
        assertThat(walk).hasSizeGreaterThanOrEqualTo(4).anyMatch(FitsHeaderControllerTest::readsTheTable);

        // the same file behind the proxy that delays every request by 2 s; the client leaves after the first line
        List<String> first = client().get().uri("/headers?uri={uri}", slow.url("allowed/" + CUBE))
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseBody()
                .take(1)                      // cancels the response after the first line: the client goes away
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(first).hasSize(1);
        assertThat(json(first.get(0)).get("hdu").asInt()).isZero();

        // read 1 gave HDU 0; read 2 (HDU 1) may have been sent as the line left, and reach the proxy a
        // moment after the client has the line, so no count taken now is final. Longer than the proxy's
        // delay: a scan still running would have had read 2 answered and sent read 3 by then
        Thread.sleep(3_000);
        int seen = slow.received().size();
        assertThat(seen).isBetween(1, 2).isLessThan(walk.size());
        Thread.sleep(2_500);
        assertThat(slow.received()).hasSize(seen);
        assertThat(slow.received()).noneMatch(FitsHeaderControllerTest::readsTheTable);
        assertThat(origin.requests()).noneMatch(FitsHeaderControllerTest::readsTheTable);
    }

    private static boolean readsTheTable(RangeFileServer.Request r) {
        return r.range() != null && r.range().startsWith("bytes=" + TABLE_OFFSET + "-");
    }
}

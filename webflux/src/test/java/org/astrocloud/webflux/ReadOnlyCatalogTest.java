package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over a catalog built beforehand (as {@code fits-scan index} would) and opened read only:
 * what it holds answers with no request, anything else is walked and never stored, and another
 * reader can open the file at the same time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadOnlyCatalogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path root;
    private static Path file;
    private static RangeFileServer server;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("astro-cloud-read-only");
        Path www = Files.createDirectories(root.resolve("www"));
        TessFiles.writeCube(www.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 10);
        TessFiles.writeCube(www.resolve("tess-s0023-1-2-cube.fits"), 23, 1, 2, 10);
        server = RangeFileServer.serving(www);
        file = root.resolve("built.duckdb");
        DuckDbHeaderCatalog built = DuckDbHeaderCatalog.open(file);
        FitsScanner.create().catalog(built, Duration.ofDays(1))
                .scanFile(URI.create(server.url("tess-s0022-4-4-cube.fits"))).block(TIMEOUT);
        built.close().block(TIMEOUT);

        registry.add("astro-cloud.allowed-roots[0]", () -> server.url(""));
        registry.add("astro-cloud.catalog.file", file::toString);
        registry.add("astro-cloud.catalog.read-only", () -> "true");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private List<JsonNode> post(String path, Object body) {
        String text = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build()
                .post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Arrays.stream(text.split("\n")).map(JSON::readTree).toList();
    }

    private List<String> catalogued() {
        String text = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build()
                .get().uri("/catalog/query").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return Arrays.stream(text.split("\n")).map(JSON::readTree).map(l -> l.get("uri").asString()).toList();
    }

    @Test
    void answersFromTheCatalogAndStoresNothing() {
        String known = server.url("tess-s0022-4-4-cube.fits");
        String unknown = server.url("tess-s0023-1-2-cube.fits");
        int before = server.requests().size();
        List<JsonNode> first = post("/scans", Map.of("uris", List.of(known, unknown)));
        assertThat(first).extracting(l -> l.get("uri").asString() + " " + l.get("origin").asString())
                .containsExactlyInAnyOrder(known + " catalog", unknown + " walked");
        assertThat(first).allSatisfy(l -> assertThat(l.get("ok").asBoolean()).isTrue());
        int afterFirst = server.requests().size();
        assertThat(afterFirst).isGreaterThan(before);

        List<JsonNode> again = post("/scans", Map.of("uris", List.of(unknown)));
        assertThat(again.get(0).get("origin").asString()).isEqualTo("walked");   // not stored the first time
        assertThat(server.requests().size()).isGreaterThan(afterFirst);
        assertThat(catalogued()).containsExactly(known);

        DuckDbHeaderCatalog other = DuckDbHeaderCatalog.openReadOnly(file);   // a second reader, as another service
        try {
            assertThat(other.entries().count().block(TIMEOUT)).isEqualTo(1);
        } finally {
            other.close().block(TIMEOUT);
        }
    }
}

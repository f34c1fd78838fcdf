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
import org.astrocloud.fits.ScanResult;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with a catalog in a DuckDB file, against a range file server: scans are stored and
 * answered again with no request, {@code /catalog/query} searches with parameters only, and
 * {@code /catalog/headers} serves headers without a read. Each test scans files of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogControllerTest {
    /** The sector-22 cube's table header offset: 2 header blocks + 1 + 1,248 FFIs of 2 x 2136 x 2078 float32, padded. */
    private static final long TABLE_OFFSET = 2880 + 2880 + TessFiles.pad(1248L * 2 * 2136 * 2078 * 4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path root;
    private static RangeFileServer server;

    @Autowired
    ServiceCatalog catalog;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("astro-cloud-catalog-service");
        for (String dir : List.of("again", "query", "headers", "redacted")) {
            Path d = Files.createDirectories(root.resolve("www/allowed/" + dir));
            TessFiles.writeCube(d.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
            TessFiles.writeCube(d.resolve("tess-s0023-1-2-cube.fits"), 23, 1, 2, 10);
            TessFiles.writeFfi(d.resolve("tess2020050192921-s0022-3-4-0174-s_ffic.fits"), 3, 4,
                    TessFiles.FfiVariant.STANDARD);
            Files.writeString(d.resolve("not-fits.txt"), "hello, not a FITS file\n".repeat(200));
        }
        TessFiles.writeCube(Files.createDirectories(root.resolve("www/secret")).resolve("tess-s0022-4-4-cube.fits"),
                22, 4, 4, 10);
        server = RangeFileServer.serving(root.resolve("www"));
        registry.add("astro-cloud.allowed-roots[0]", () -> server.url("allowed/"));
        registry.add("astro-cloud.catalog.file", () -> root.resolve("catalog.duckdb").toString());
        registry.add("astro-cloud.catalog.ttl", () -> "1h");
        registry.add("astro-cloud.catalog.max-rows", () -> "50");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static List<JsonNode> lines(String body) {
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(body.split("\n")).map(JSON::readTree).toList();
    }

    private static String url(String dir, String name) {
        return server.url("allowed/" + dir + "/" + name);
    }

    private List<JsonNode> scans(List<String> uris) {
        return lines(client().post().uri("/scans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("uris", uris)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private List<JsonNode> query(String query) {
        return lines(client().get().uri("/catalog/query?" + query).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode refused(String query, int status) {
        return JSON.readTree(client().get().uri("/catalog/query?" + query).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<String> all(String dir) {
        return List.of(url(dir, "tess-s0022-4-4-cube.fits"), url(dir, "tess-s0023-1-2-cube.fits"),
                url(dir, "tess2020050192921-s0022-3-4-0174-s_ffic.fits"), url(dir, "not-fits.txt"));
    }

    @Test
    void aSecondScanAnswersFromTheCatalogWithNoRequest() {
        List<JsonNode> first = scans(all("again"));
        assertThat(first).extracting(l -> l.get("origin").asString()).containsOnly("walked");
        int before = server.requests().size();

        List<JsonNode> second = scans(all("again").subList(0, 3));
        assertThat(second).allSatisfy(l -> {
            assertThat(l.get("origin").asString()).isEqualTo("catalog");
            assertThat(l.get("requests").asLong()).isZero();
            assertThat(l.get("ok").asBoolean()).isTrue();
        });
        List<JsonNode> headers = lines(client().get().uri("/headers?uri={u}", url("again", "tess-s0022-4-4-cube.fits"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(headers).extracting(l -> l.get("headerOffset").asLong()).containsExactly(0L, 2880L, TABLE_OFFSET);
        assertThat(server.requests()).hasSize(before);   // neither the scans nor the headers read anything

        List<JsonNode> failedAgain = scans(List.of(url("again", "not-fits.txt")));
        assertThat(failedAgain.get(0).get("origin").asString()).isEqualTo("walked");   // a failure never answers
        assertThat(server.requests().size()).isGreaterThan(before);
    }

    @Test
    void searchesByKeywordWithParametersOnly() {
        scans(all("query"));
        String prefix = "prefix=" + url("query", "");
        List<JsonNode> camera4 = query(prefix + "&select=SECTOR,CAMERA,CCD&where=CAMERA=4&where=SECTOR>=22");
        // the cube's and the FFI's primary headers say so (the test wrote them); CAMERA is text: the
        // cube's table header has CAMERA = 'Camera number'
        assertThat(camera4).hasSize(1);
        JsonNode row = camera4.get(0);
        assertThat(row.get("uri").asString()).isEqualTo(url("query", "tess-s0022-4-4-cube.fits"));
        assertThat(row.get("SECTOR").asLong()).isEqualTo(22);
        assertThat(row.get("CAMERA").asString()).isEqualTo("4");
        assertThat(row.get("CCD").asLong()).isEqualTo(4);
        assertThat(row.propertyNames()).containsExactly("uri", "SECTOR", "CAMERA", "CCD");

        assertThat(query(prefix + "&select=SECTOR&order=-SECTOR&limit=2")).extracting(l -> l.get("uri").asString())
                .containsExactly(url("query", "tess-s0023-1-2-cube.fits"), url("query", "tess-s0022-4-4-cube.fits"));

        List<JsonNode> hdus = query("level=hdus&select=NAXIS&prefix=" + url("query", "tess-s0022-4-4-cube.fits"));
        assertThat(hdus).extracting(l -> l.get("hdu").asInt()).containsExactly(0, 1, 2);
        assertThat(hdus).extracting(l -> l.get("NAXIS").asLong()).containsExactly(0L, 4L, 2L);

        assertThat(query(prefix + "&where=OBJECT=x' OR '1'='1")).isEmpty();
    }

    @Test
    void malformedSearchesAreRefusedWith400() {
        assertThat(refused("where=SECTOR=twenty-two", 400).get("error").get("message").asString())
                .contains("SECTOR holds integers");
        assertThat(refused("select=SECTOR\";DROP TABLE files;--", 400).get("error").get("type").asString())
                .isEqualTo("BadCatalogQueryException");
        assertThat(refused("sql=SELECT 1", 400).get("error").get("message").asString()).contains("unknown parameter sql");
        assertThat(refused("limit=51", 400).get("error").get("message").asString()).contains("limit is 1 to 50");
        refused("limit=ten", 400);
        refused("level=cards", 400);
        refused("where=no-operator", 400);
        refused("order=uri&order=hdu", 400);
        assertThat(query("limit=50")).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void nothingOutsideTheAllowedRootsIsShown() {
        URI secret = URI.create(server.url("secret/tess-s0022-4-4-cube.fits"));
        // catalogued by someone else: a scanner through the same catalog, not the service
        ScanResult stored = FitsScanner.create().catalog(catalog.catalog(), Duration.ofHours(1)).scanFile(secret)
                .block(Duration.ofSeconds(30));
        assertThat(stored.isOk()).isTrue();
        assertThat(catalog.catalog().find(secret).block(Duration.ofSeconds(30))).isNotNull();

        assertThat(query("where=SECTOR=22&limit=50")).extracting(l -> l.get("uri").asString())
                .noneMatch(u -> u.contains("/secret/"));
        assertThat(query("prefix=" + server.url("secret/"))).isEmpty();
        client().get().uri("/catalog/headers?uri={u}", secret.toString()).exchange().expectStatus().isForbidden();
    }

    @Test
    void secretsInCataloguedUrisAreMasked() {
        String signed = url("redacted", "tess-s0022-4-4-cube.fits") + "?X-Amz-Signature=topsecret";
        assertThat(scans(List.of(signed)).get(0).get("ok").asBoolean()).isTrue();
        String body = client().get().uri("/catalog/query?prefix=" + url("redacted", "")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("topsecret").contains("X-Amz-Signature=****");
    }

    @Test
    void servesStoredHeadersWithoutARead() throws IOException {
        String cube = url("headers", "tess-s0022-4-4-cube.fits");
        scans(all("headers"));
        int before = server.requests().size();

        EntityExchangeResult<String> answer = client().get().uri("/catalog/headers?uri={u}", cube).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Catalog-Outcome", "ok")
                .expectHeader().valueEquals("X-Object-ETag",
                        RangeFileServer.etagOf(root.resolve("www/allowed/headers/tess-s0022-4-4-cube.fits")))
                .expectBody(String.class).returnResult();
        assertThat(answer.getResponseHeaders().getFirst("X-Catalog-Scanned-At")).isNotBlank();
        List<JsonNode> lines = lines(answer.getResponseBody());
        assertThat(lines).extracting(l -> l.get("headerOffset").asLong()).containsExactly(0L, 2880L, TABLE_OFFSET);
        assertThat(lines.get(0).get("header").get("SECTOR").asLong()).isEqualTo(22);

        List<JsonNode> failed = lines(client().get().uri("/catalog/headers?uri={u}", url("headers", "not-fits.txt"))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Catalog-Outcome", "failed")
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(failed.get(failed.size() - 1).get("error").get("type").asString()).endsWith("Exception");

        JsonNode missing = JSON.readTree(client().get().uri("/catalog/headers?uri={u}", url("headers", "never-scanned.fits"))
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody());
        assertThat(missing.get("error").get("type").asString()).isEqualTo("NotCataloguedException");
        assertThat(server.requests()).hasSize(before);
    }
}

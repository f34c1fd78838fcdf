package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that Spring refuses before the controller (or that fail unexpectedly) get the service's
 * error body, {@code {"error": {"type", "message", "retryable"}}}, with Spring's status. Sent with
 * the JDK's HTTP client, which sends exactly the headers a test names (no default Content-Type or
 * Accept).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "astro-cloud.allowed-roots=s3://tess/sector22/")
class ApiErrorHandlerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SCAN = "{\"uris\": [\"s3://tess/sector22/tess-s0022-2-1-cube.fits\"]}";

    @LocalServerPort
    int port;

    /** A route that fails with an exception the service does not know. */
    @TestConfiguration
    static class FailingRoute {
        @Bean
        RouterFunction<ServerResponse> failing() {
            return RouterFunctions.route(RequestPredicates.GET("/test/fails"), request -> {
                throw new IllegalStateException("internal detail at /srv/secret");
            });
        }
    }

    private HttpResponse<String> send(String method, String path, String body, UnaryOperator<HttpRequest.Builder> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(headers.apply(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null, UnaryOperator.identity());
    }

    /** The response's error, checked to be the documented JSON body and nothing else. */
    private static JsonNode error(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(error.propertyNames()).containsExactly("type", "message", "retryable");
        assertThat(error.get("type").asString()).isEqualTo(type);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("retryable").isBoolean()).isTrue();
        assertThat(error.get("retryable").asBoolean()).isFalse();
        return error;
    }

    @Test
    void missingUriParameterIs400() throws Exception {
        JsonNode error = error(send("GET", "/headers"), 400, "BadRequest");
        assertThat(error.get("message").asString()).contains("'uri'");
    }

    @Test
    void unreadableScanBodiesAre400() throws Exception {
        for (String body : List.of("{\"uris\": [", "{\"uris\": 5}", "not json", "")) {
            error(send("POST", "/scans", body, r -> r.header("Content-Type", "application/json")), 400, "BadRequest");
        }
    }

    @Test
    void scanBodyWithoutOrWithAnotherContentTypeIs415() throws Exception {
        HttpResponse<String> none = send("POST", "/scans", SCAN, UnaryOperator.identity());
        error(none, 415, "UnsupportedMediaType");
        assertThat(none.headers().firstValue("Accept")).hasValue("application/json");

        HttpResponse<String> text = send("POST", "/scans", SCAN, r -> r.header("Content-Type", "text/plain"));
        assertThat(error(text, 415, "UnsupportedMediaType").get("message").asString()).contains("text/plain");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        for (String path : List.of("/", "/nope", "/headers/x", "/index.html", "/scans/")) {
            error(send("GET", path), 404, "NotFound");
        }
    }

    @Test
    void anotherMethodIs405WithAllow() throws Exception {
        HttpResponse<String> post = send("POST", "/headers?uri=s3://tess/sector22/x.fits", "",
                r -> r.header("Content-Type", "application/json"));
        error(post, 405, "MethodNotAllowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");

        HttpResponse<String> get = send("GET", "/scans");
        error(get, 405, "MethodNotAllowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(send("DELETE", "/scans").headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void unacceptableMediaTypesAre406InJsonAnyway() throws Exception {
        for (String accept : List.of("application/json", "application/xml", "text/html", "bad")) {
            error(send("GET", "/headers?uri=s3://tess/sector22/x.fits", null, r -> r.header("Accept", accept)),
                    406, "NotAcceptable");
        }
        HttpResponse<String> scan = send("POST", "/scans", SCAN,
                r -> r.header("Content-Type", "application/json").header("Accept", "text/html"));
        error(scan, 406, "NotAcceptable");
        assertThat(scan.headers().firstValue("Accept")).hasValue("application/x-ndjson");
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirDetails() throws Exception {
        JsonNode error = error(send("GET", "/test/fails"), 500, "InternalError");
        assertThat(error.get("message").asString()).doesNotContain("secret").doesNotContain("IllegalState");
    }

    @Test
    void theServicesOwnRefusalKeepsItsType() throws Exception {
        error(send("GET", "/headers?uri=file:/etc/passwd"), 403, "UriNotAllowedException");
        error(send("POST", "/scans", "{}", r -> r.header("Content-Type", "application/json")), 400,
                "BadScanRequestException");
    }
}

package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runnable jar started as the README starts it, {@code java -jar target/astro-cloud-webflux.jar}
 * with a {@code file:} root: one {@code GET /headers} of a full-size sparse cube and one unknown
 * path, then the process is stopped. Runs in the integration-test phase, after {@code package} has
 * repackaged the jar.
 */
class RunnableJarIT {
    private static final String CUBE = "tess-s0022-4-4-cube.fits";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STARTUP = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void theJarStartsAndStreamsHeaders() throws Exception {
        Path jar = Path.of(System.getProperty("webflux.jar", "target/astro-cloud-webflux.jar"));
        assertThat(jar).isRegularFile();
        Path files = Files.createDirectories(dir.resolve("files"));
        TessFiles.writeCube(files.resolve(CUBE), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        Path log = dir.resolve("service.log");
        int port = freePort();
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + port, "--astro-cloud.allowed-roots=file:" + files)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpResponse<String> headers = getOnceUp(port, "/headers?uri=file:" + files.resolve(CUBE), service, log);
            assertThat(headers.statusCode()).as(() -> read(log)).isEqualTo(200);
            assertThat(headers.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
            List<JsonNode> lines = Arrays.stream(headers.body().split("\n")).map(JSON::readTree).toList();
            // primary header (1 block, no data), image header at 2880 (1 block), its data
            // 2 x 1248 x 2136 x 2078 x 4 bytes = 44,315,062,272, padded to 44,315,064,000: the table at 5760 + that
            assertThat(lines).extracting(l -> l.get("headerOffset").asLong()).containsExactly(0L, 2880L, 44_315_069_760L);
            assertThat(lines.get(1).get("dataSize").asLong()).isEqualTo(44_315_062_272L);

            HttpResponse<String> unknown = get(port, "/nope");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).at("/error/type").asString()).isEqualTo("NotFound");
        } finally {
            service.destroy();
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** {@code path}, asked again until the service accepts connections or {@link #STARTUP} is over. */
    private static HttpResponse<String> getOnceUp(int port, String path, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try {
                return get(port, path);
            } catch (ConnectException e) {
                assertThat(service.isAlive()).as(() -> "the service exited:\n" + read(log)).isTrue();
                assertThat(System.nanoTime() - deadline).as(() -> "not up after " + STARTUP + ":\n" + read(log)).isNegative();
                Thread.sleep(200);
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}

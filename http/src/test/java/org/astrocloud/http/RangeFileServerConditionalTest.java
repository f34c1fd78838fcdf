package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConditionalServerCases} against the Reactor Netty range server, and a scan's pinned reads seen there. */
class RangeFileServerConditionalTest implements ConditionalServerCases {
    @TempDir
    static Path dir;
    static RangeFileServer server;

    @BeforeAll
    static void start() {
        server = RangeFileServer.serving(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    public Path www() {
        return dir;
    }

    @Override
    public String url(String name) {
        return server.url(name);
    }

    @Override
    public Counted counted(long requests) {
        return new Counted(server.requests().size(), server.bodyBytesSent());
    }

    @Test
    void aScanShouldPinEveryReadAfterTheFirstToTheEtagOfTheFirstAnswer() throws Exception {
        Path cube = dir.resolve("tess-s0022-4-4-cube.fits");
        TessFiles.writeCube(cube, 22, 4, 4, 1248);
        int before = server.requests().size();

        ScanResult r = FitsScanner.create().scanFile(URI.create(server.url("tess-s0022-4-4-cube.fits")))
                .block(Duration.ofSeconds(30));

        assertTrue(r.isOk(), () -> r.error().toString());
        List<RangeFileServer.Request> seen = server.requests().subList(before, server.requests().size());
        assertEquals(2, seen.size());
        assertNull(seen.get(0).headers().get("If-Match"), "the first read knows no ETag yet");
        assertEquals(ConditionalServerCases.etag(cube), seen.get(1).headers().get("If-Match"));
    }

    @Test
    void theServerShouldAnswerConditionsAsNginxDoes() throws Exception {
        Files.write(dir.resolve("plain.bin"), new byte[10]);
        String etag = ConditionalServerCases.etag(dir.resolve("plain.bin"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI u = URI.create(server.url("plain.bin"));
        assertEquals(304, status(http, u, "If-None-Match", etag));
        assertEquals(206, status(http, u, "If-None-Match", "\"other\""));
        assertEquals(206, status(http, u, "If-Match", etag));
        assertEquals(412, status(http, u, "If-Match", "\"other\""));
        assertEquals(412, status(http, u, "If-Match", "W/" + etag));
    }

    private static int status(java.net.http.HttpClient http, URI u, String header, String value) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(u).header("Range", "bytes=0-0").header(header, value).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.GcsServer;
import org.astrocloud.testservers.OAuthTokenServer;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens from a service-account key file whose {@code token_uri} is a local token endpoint: fetched
 * once for many reads, fetched again five minutes before expiry, and always on a bounded-elastic thread.
 */
class GcsTokenRefreshTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        ByteRangeSources.installed().close();
    }

    /** A service account's key file, with a fresh RSA key, that asks {@code tokenUri} for its tokens. */
    static String keyFile(URI tokenUri) throws NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = ("-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.generateKeyPair()
                .getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");   // JSON-escaped
        return "{\"type\":\"service_account\",\"project_id\":\"demo-astro\",\"private_key_id\":\"k1\",\"private_key\":\""
                + pem + "\",\"client_email\":\"reader@demo-astro.iam.gserviceaccount.com\",\"client_id\":\"1\","
                + "\"token_uri\":\"" + tokenUri + "\"}";
    }

    private static List<String> bearers(GcsServer gcs) {
        return gcs.mediaRequests().stream().map(RangeFileServer.Request::authorization).toList();
    }

    @Test
    void oneTokenShouldServeManyReadsUntilFiveMinutesBeforeItExpires() throws Exception {
        try (OAuthTokenServer tokens = OAuthTokenServer.start(3600);
             GcsServer gcs = GcsServer.builder(dir).acceptTokens(tokens::issued).start()) {
            for (int i = 0; i < 4; i++) {
                TessFiles.writeCube(gcs.placeFile("private", "cube-" + i + ".fits"), 22, 1, 1, 2);
            }
            Path key = Files.writeString(dir.resolve("key.json"), keyFile(tokens.tokenUri()));
            FitsScanner scanner = FitsScanner.create().option(GcsOptions.ENDPOINT, gcs.endpoint())
                    .option(GcsOptions.CREDENTIALS, GcsCredentials.serviceAccountFile(key));
            List<ScanResult> results = scanner.scanAll(scanner.expand(URI.create("gs://private/"))).collectList().block(TIMEOUT);
            assertEquals(4, results.size());
            results.forEach(r -> assertTrue(r.isOk(), r::toString));
            assertEquals(1, tokens.issuedCount());
            assertEquals(List.of("Bearer token-1"), bearers(gcs).stream().distinct().toList());
            assertEquals("Bearer token-1", gcs.listRequests().get(0).authorization());
        }
    }

    @Test
    void tokenShouldBeRefreshedBeforeItExpiresOnABoundedElasticThread() throws Exception {
        // tokens valid for 5 min + 1 s: each is replaced 1 s after it was fetched
        try (OAuthTokenServer tokens = OAuthTokenServer.start(301);
             GcsServer gcs = GcsServer.builder(dir).acceptTokens(tokens::issued).start()) {
            TessFiles.writeCube(gcs.placeFile("private", "cube.fits"), 22, 1, 1, 2);
            Set<String> refreshThreads = ConcurrentHashMap.newKeySet();
            ServiceAccountCredentials credentials = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(keyFile(tokens.tokenUri()).getBytes(StandardCharsets.UTF_8)), () -> {
                        refreshThreads.add(Thread.currentThread().getName());
                        return new NetHttpTransport();
                    });
            FitsScanner scanner = FitsScanner.create().option(GcsOptions.ENDPOINT, gcs.endpoint())
                    .option(GcsOptions.CREDENTIALS, GcsCredentials.of(credentials));
            URI cube = URI.create("gs://private/cube.fits");

            assertTrue(scanner.scanFile(cube).block(TIMEOUT).isOk());
            assertTrue(scanner.scanFile(cube).block(TIMEOUT).isOk());
            assertEquals(1, tokens.issuedCount(), "the second scan reuses the token");
            Thread.sleep(1500);
            assertTrue(scanner.scanFile(cube).block(TIMEOUT).isOk());
            assertEquals(2, tokens.issuedCount(), "a token 5 minutes from expiry is replaced");
            assertEquals(List.of("Bearer token-1", "Bearer token-2"), bearers(gcs).stream().distinct().toList());
            assertTrue(!refreshThreads.isEmpty() && refreshThreads.stream().allMatch(t -> t.startsWith("boundedElastic")),
                    refreshThreads::toString);
        }
    }

    @Test
    void missingKeyFileShouldBeDeniedAndNameTheUri() throws IOException {
        FitsScanner scanner = FitsScanner.create().option(GcsOptions.ENDPOINT, URI.create("http://127.0.0.1:9"))
                .option(GcsOptions.CREDENTIALS, GcsCredentials.serviceAccountFile(dir.resolve("absent.json")));
        ScanResult r = scanner.scanFile(URI.create("gs://bkt/x.fits")).block(TIMEOUT);
        assertTrue(!r.isOk() && r.error().orElseThrow() instanceof org.astrocloud.fits.error.ObjectAccessDeniedException, r::toString);
    }
}

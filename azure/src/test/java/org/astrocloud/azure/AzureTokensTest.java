package org.astrocloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens of a {@link TokenCredential} across many blobs, against a local range server that
 * records each request's {@code Authorization}: one token serves every blob read with the credential,
 * a failure to reach the identity service is transient (retried, with a new fetch), a refused
 * credential is denied.
 */
class AzureTokensTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BLOBS = 8;

    @TempDir
    static Path dir;
    static RangeFileServer server;
    static final List<URI> blobs = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        // one header-only primary HDU: SIMPLE, BITPIX, NAXIS and END cards, padded with spaces to one 2,880-byte block
        StringBuilder block = new StringBuilder();
        for (String card : new String[] {"SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "END"}) {
            block.append(String.format("%-80s", card));
        }
        byte[] fits = String.format("%-2880s", block).getBytes(StandardCharsets.US_ASCII);
        Path container = Files.createDirectories(dir.resolve("acct/c"));
        for (int i = 0; i < BLOBS; i++) {
            Files.write(container.resolve("b-" + i + ".fits"), fits);
            blobs.add(URI.create("az://c/b-" + i + ".fits"));
        }
        server = RangeFileServer.serving(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static FitsScanner scanner(TokenCredential credential) {
        return FitsScanner.create().option(AzureOptions.ENDPOINT, URI.create("http://127.0.0.1:" + server.port() + "/acct"))
                .option(AzureOptions.ACCOUNT, "acct").option(AzureOptions.TOKEN_CREDENTIAL, credential)
                .option(RetryOptions.BACKOFF, Duration.ofMillis(5)).option(RetryOptions.MAX_BACKOFF, Duration.ofMillis(20));
    }

    @Test
    void oneTokenShouldServeEveryBlobReadWithTheCredential() {
        AtomicInteger fetches = new AtomicInteger();
        TokenCredential counted = request -> Mono.fromCallable(() -> new AccessToken("t" + fetches.incrementAndGet(),
                OffsetDateTime.now().plusHours(1)));
        int before = server.requests().size();

        List<ScanResult> results = scanner(counted).scanAll(Flux.fromIterable(blobs)).collectList().block(TIMEOUT);

        assertEquals(BLOBS, results.size());
        results.forEach(r -> assertTrue(r.isOk(), () -> r.uri() + ": " + r.error()));
        results.forEach(r -> assertEquals(2880L, r.size().getAsLong()));
        assertEquals(1, fetches.get(), "one token for " + BLOBS + " blobs");
        List<RangeFileServer.Request> requests = server.requests().subList(before, server.requests().size());
        assertEquals(BLOBS, requests.size());
        requests.forEach(r -> assertEquals("Bearer t1", r.authorization()));
    }

    @Test
    void anIdentityServiceOutOfReachShouldBeTransientAndFetchedAgainOnRetry() {
        AtomicInteger fetches = new AtomicInteger();
        TokenCredential unreachable = request -> Mono.defer(() -> {
            fetches.incrementAndGet();
            return Mono.error(new IOException("Connection refused: 169.254.169.254"));
        });

        ScanResult r = scanner(unreachable).scanFile(blobs.get(0)).block(TIMEOUT);

        assertInstanceOf(TransientSourceException.class, r.error().orElseThrow());
        assertTrue(fetches.get() > 1, "a failed fetch is not kept: retries fetch again (" + fetches.get() + ")");
    }

    @Test
    void aRefusedCredentialShouldBeDenied() {
        TokenCredential refused = request -> Mono.error(new ClientAuthenticationException("AADSTS7000215: Invalid client secret", null));

        ScanResult r = scanner(refused).scanFile(blobs.get(1)).block(TIMEOUT);

        assertInstanceOf(ObjectAccessDeniedException.class, r.error().orElseThrow());
        assertTrue(r.error().get().getMessage().contains("AADSTS7000215"), r.error().get().getMessage());
    }
}

package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.GcsServer;
import org.astrocloud.testservers.OAuthTokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Listing and scanning with a service account's tokens, with BlockHound installed: reading the key file,
 * fetching and refreshing tokens (blocking HTTP in google-auth-library), listing and ranged reads never
 * block an event loop. In a JVM of its own (BlockHound stays installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsNonBlockingTest {
    @TempDir
    static Path dir;
    private OAuthTokenServer tokens;
    private GcsServer server;

    @BeforeAll
    void start() throws Exception {
        ByteRangeSources.installed();   // providers are loaded from the class path once (blocking, as class loading is)
        BlockHound.install(builder -> builder
                // as in the http module's tests: Netty 4.2.17's adaptive allocator takes a StampedLock briefly
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines"));
        tokens = OAuthTokenServer.start(301);   // replaced 1 s after each fetch: the second round refreshes
        server = GcsServer.builder(Files.createDirectories(dir.resolve("gcs"))).acceptTokens(tokens::issued).start();
        for (int ccd = 1; ccd <= 4; ccd++) {
            TessFiles.writeCube(server.placeFile("tess", "cube-" + ccd + ".fits"), 22, 1, ccd, 4);
        }
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        server.close();
        tokens.close();
    }

    @Test
    void blockHoundShouldBeActive() {
        Throwable e = assertThrows(RuntimeException.class, () -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)));
        assertTrue(e instanceof BlockingOperationError || e.getCause() instanceof BlockingOperationError, e::toString);
    }

    @Test
    void listingsAndScansWithRefreshedTokensShouldNeverBlockAnEventLoop() throws Exception {
        Path key = Files.writeString(dir.resolve("key.json"), GcsTokenRefreshTest.keyFile(tokens.tokenUri()));
        FitsScanner scanner = FitsScanner.create().concurrency(4).option(GcsOptions.ENDPOINT, server.endpoint())
                .option(GcsOptions.CREDENTIALS, GcsCredentials.serviceAccountFile(key));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                Thread.sleep(1500);   // the token is now within 5 minutes of expiry
            }
            List<ScanResult> results = scanner.scanAll(scanner.expand(URI.create("gs://tess/cube-*.fits")))
                    .doOnNext(r -> threads.add(Thread.currentThread().getName()))
                    .collectList().block(Duration.ofSeconds(60));
            assertEquals(4, results.size());
            results.forEach(r -> assertTrue(r.isOk(), r::toString));
        }
        assertEquals(2, tokens.issuedCount(), "one token per round");
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("astro-cloud-http")), threads::toString);
    }
}

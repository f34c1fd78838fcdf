package org.astrocloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Shared Key scans of Azurite with BlockHound installed, in a JVM of its own: signing and reading
 * never block a Reactor Netty event loop, and a token credential that blocks (as azure-identity's
 * may) is called off the loops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureNonBlockingTest {
    @TempDir
    static Path dir;
    private Azurite azurite;

    @BeforeAll
    void start() throws Exception {
        ByteRangeSources.installed();
        // before any scheduler thread exists: a parallel worker already parked in its queue when BlockHound
        // instruments the JDK dies on waking (IllegalMonitorStateException), so install first, then upload
        BlockHound.install(builder -> builder
                // as in the http module's tests: Netty 4.2.17's adaptive allocator briefly locks when it grows
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines"));
        azurite = Azurite.start(Files.createDirectories(dir.resolve("azurite")));
        var tess = azurite.container("tess");
        for (int ccd = 1; ccd <= 4; ccd++) {
            Path cube = TessFiles.writeCube(dir.resolve("c.fits"), 22, 1, ccd, 2);
            SparseUpload.upload(tess.getBlobClient("cube-" + ccd + ".fits").getBlockBlobClient(), cube, 5760L + 71_017_920L, 4 << 20);
            Files.delete(cube);
        }
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void blockHoundShouldBeActive() {
        reactor.test.StepVerifier.create(Mono.delay(Duration.ofMillis(1)).map(x -> {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return x;
        })).expectErrorSatisfies(e -> assertTrue(e instanceof BlockingOperationError, e::toString)).verify(Duration.ofSeconds(10));
    }

    @Test
    void sharedKeyScansShouldSignalOnEventLoopsWithoutBlocking() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        FitsScanner scanner = FitsScanner.create().concurrency(4).option(AzureOptions.ENDPOINT, azurite.endpoint())
                .option(AzureOptions.ACCOUNT, Azurite.ACCOUNT).option(AzureOptions.ACCOUNT_KEY, Azurite.KEY);
        List<URI> cubes = List.of(1, 2, 3, 4).stream().map(c -> URI.create("az://tess/cube-" + c + ".fits")).toList();
        List<ScanResult> results = scanner.scanAll(Flux.fromIterable(cubes))
                .doOnNext(r -> threads.add(Thread.currentThread().getName()))
                .collectList().block(Duration.ofSeconds(60));
        assertEquals(4, results.size());
        results.forEach(r -> assertEquals(3, r.headers().size(), r::toString));
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("astro-cloud-http")), threads::toString);
    }

    @Test
    void aBlockingTokenCredentialShouldBeCalledOffTheEventLoops() {
        TokenCredential sleepy = request -> Mono.fromCallable(() -> {
            Thread.sleep(20);   // what a credential that runs a process or reads a file does
            return new AccessToken("token", OffsetDateTime.now().plusHours(1));
        });
        AzureSigning signing = new AzureSigning(new AzureAccess("a", URI.create("http://127.0.0.1:1/a"), null, null, sleepy),
                new AzureTokens(sleepy), URI.create("az://c/b"));
        var headers = Mono.defer(() -> signing.sign(URI.create("http://127.0.0.1:1/a/c/b"), java.util.Map.of("Range", "bytes=0-9")))
                .subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        assertEquals("Bearer token", headers.get("Authorization"));
    }
}

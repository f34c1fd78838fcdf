package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;

/**
 * Signed scans over the Reactor Netty transport with BlockHound installed: finding credentials
 * and the region, signing each GET and reading it never block a Reactor Netty event loop. It runs
 * in a JVM of its own (BlockHound stays installed): the SDK transport's tests could not run beside
 * it, for the SDK, parsing its first XML answer (a listing) on one of its own event loops, looks its
 * XML parser up through {@code ServiceLoader} there (a jar read, once per thread, like class loading).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3NettyNonBlockingTest {
    @TempDir
    static Path dir;
    private S3ProxyServer server;

    @BeforeAll
    void start() throws Exception {
        ByteRangeSources.installed();   // the providers are loaded from the class path once (blocking, as class loading is)
        BlockHound.install(builder -> builder
                // as in the http module's NettyTestSession: Netty 4.2.17's adaptive allocator takes a
                // StampedLock briefly when it grows its magazines (not listed by Netty's own integration yet)
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines"));
        S3TestSupport.useServerKeys();
        server = S3ProxyServer.filesystem(Files.createDirectories(dir.resolve("s3"))).start();
        for (int ccd = 1; ccd <= 4; ccd++) {
            TessFiles.writeCube(server.placeFile("tess", "cube-" + ccd + ".fits"), 22, 1, ccd, 1248);
        }
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        server.close();
    }

    @Test
    void blockHoundShouldBeActive() {
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> reactor.core.publisher.Mono
                .fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10)));
        assertTrue(e instanceof reactor.blockhound.BlockingOperationError || e.getCause() instanceof reactor.blockhound.BlockingOperationError,
                e::toString);
    }

    @Test
    void signedScansShouldSignalEveryHeaderOnAnEventLoopWithoutBlocking() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        FitsScanner scanner = FitsScanner.create().concurrency(4)
                .option(S3Options.ENDPOINT, server.endpoint())
                .option(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN)
                .option(S3Options.TRANSPORT, S3Transport.REACTOR_NETTY);
        List<URI> cubes = List.of(1, 2, 3, 4).stream().map(c -> URI.create("s3://tess/cube-" + c + ".fits")).toList();

        for (int round = 0; round < 2; round++) {   // the first round finds the credentials, the second reuses them
            List<ScanResult> results = scanner.scanAll(Flux.fromIterable(cubes))
                    .doOnNext(r -> threads.add(Thread.currentThread().getName()))
                    .collectList().block(Duration.ofSeconds(60));
            assertEquals(4, results.size());
            for (ScanResult r : results) {
                assertTrue(r.isOk(), r::toString);
                assertEquals(3, r.headers().size(), "PRIMARY, PIXELS, APERTURE");
            }
        }
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("astro-cloud-http")), threads::toString);
    }
}

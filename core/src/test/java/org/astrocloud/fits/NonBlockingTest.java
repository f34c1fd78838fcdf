package org.astrocloud.fits;

import org.astrocloud.fits.micrometer.MicrometerScanListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.testkit.ParallelSource;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Runs the walk, the card parsing and many-file scans on Reactor's non-blocking threads with
 * BlockHound installed: any blocking call in library code on those threads fails the test.
 */
class NonBlockingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @BeforeAll
    static void installBlockHound() {
        // the installed providers are read from the class path once (blocking I/O, like class loading):
        // read them first, so that these tests pass whichever test class happens to run before them
        ByteRangeSources.installed();
        BlockHound.install();
    }

    private static FitsScanner scanner() {
        return FitsScanner.create().sources(ParallelSource.files());
    }

    @Test
    void blockHoundShouldBeActive() {
        StepVerifier.create(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(TIMEOUT);
    }

    @Test
    void walkAndCardParsingShouldNotBlockNonBlockingThreads() {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, 1248);
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        StepVerifier.create(scanner().scan(cube.toUri())
                        .subscribeOn(Schedulers.parallel())
                        .map(h -> h.cards().size() + h.withCard(FitsCard.of("PATCHED", true, "by a transform")).cardCount()))
                .expectNextCount(3)
                .verifyComplete();
        StepVerifier.create(scanner().scan(ffi.toUri()).subscribeOn(Schedulers.parallel()).map(h -> h.cards().size()))
                .expectNext(30, 183, 183)
                .verifyComplete();
    }

    @Test
    void manyFileScanWithFailuresShouldNotBlockNonBlockingThreads() {
        Path ffi = TessFiles.writeFfi(dir.resolve("many.fits"), 2, 3, TessFiles.FfiVariant.NO_WCS);
        List<URI> uris = Flux.range(0, 100)
                .map(i -> i % 10 == 0 ? dir.resolve("missing-" + i + ".fits").toUri() : ffi.toUri())
                .collectList().block();
        List<ScanResult> results = scanner().concurrency(16).scanAll(Flux.fromIterable(uris).subscribeOn(Schedulers.parallel()))
                .collectList().block(TIMEOUT);
        assertEquals(100, results.size());
        assertEquals(10, results.stream().filter(r -> !r.isOk()).count());
        assertTrue(results.stream().filter(ScanResult::isOk).allMatch(r -> r.headers().size() == 3));
    }

    @Test
    void metricsAndTotalsShouldBeRecordedWithoutBlockingNonBlockingThreads() {
        Path ffi = TessFiles.writeFfi(dir.resolve("measured.fits"), 3, 4, TessFiles.FfiVariant.STANDARD);
        List<URI> uris = Flux.range(0, 50)
                .map(i -> i % 10 == 0 ? dir.resolve("gone-" + i + ".fits").toUri() : ffi.toUri())
                .collectList().block();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScanTotals totals = new ScanTotals();
        List<ScanResult> results = scanner().concurrency(16).listener(MicrometerScanListener.of(registry)).listener(totals)
                .scanAll(Flux.fromIterable(uris).subscribeOn(Schedulers.parallel()))
                .collectList().block(TIMEOUT);
        assertEquals(50, results.size());
        assertEquals(45, totals.filesOk());
        assertEquals(5, totals.filesFailed());
        assertEquals(90, registry.get("astrocloud.read.latency").tag("outcome", "ok").timer().count());
        assertEquals(45, registry.get("astrocloud.files").tag("outcome", "ok").counter().count());
    }
}

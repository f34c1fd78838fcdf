package org.astrocloud.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.error.DeadlineExceededException;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Per-file and whole-scan deadlines, on virtual time, against sources that never answer. */
class DeadlineTest {

    /** A scanner whose every source never answers a read. */
    private static FitsScanner hanging() {
        return FitsScanner.create().sources(ByteRangeSources.of(List.of(new TestProvider("hang",
                uri -> new ForwardingSource(MemoryByteRangeSource.of(uri, new byte[2880])) {
                    @Override
                    public Mono<RangeBytes> read(ByteRange range) {
                        return Mono.never();
                    }
                }))));
    }

    @Test
    void aFileThatNeverEndsShouldFailWithTheDeadlineAfterIt() {
        ScanTotals totals = new ScanTotals();
        StepVerifier.withVirtualTime(() -> hanging().fileTimeout(Duration.ofSeconds(5)).listener(totals)
                        .scanFile(URI.create("hang:/a.fits")))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4_900))
                .thenAwait(Duration.ofMillis(100))
                .assertNext(r -> {
                    assertInstanceOf(DeadlineExceededException.class, r.error().orElseThrow());
                    assertTrue(r.error().get().getMessage().contains("per-file deadline of 5000 ms"), r.toString());
                })
                .verifyComplete();
        assertEquals(1, totals.filesFailed(), "counted as failed, not cancelled");
    }

    @Test
    void theDefaultPerFileDeadlineShouldBeOneMinute() {
        StepVerifier.withVirtualTime(() -> hanging().scanFile(URI.create("hang:/a.fits")))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(r -> assertInstanceOf(DeadlineExceededException.class, r.error().orElseThrow()))
                .verifyComplete();
    }

    @Test
    void aScanDeadlineShouldFailTheFilesInFlightAndStartNoMore() {
        Flux<URI> uris = Flux.range(0, 5).map(i -> URI.create("hang:/f" + i + ".fits"));
        StepVerifier.withVirtualTime(() -> hanging().concurrency(2).scanTimeout(Duration.ofSeconds(10)).scanAll(uris))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(9_900))
                .thenAwait(Duration.ofMillis(100))
                .assertNext(r -> assertTrue(r.error().orElseThrow().getMessage().contains("scan's deadline"), r.toString()))
                .assertNext(r -> assertInstanceOf(DeadlineExceededException.class, r.error().orElseThrow()))
                .verifyComplete();
    }

    @Test
    void theScanDeadlineShouldHoldInInputOrderToo() {
        Flux<URI> uris = Flux.range(0, 5).map(i -> URI.create("hang:/f" + i + ".fits"));
        StepVerifier.withVirtualTime(() -> hanging().concurrency(2).scanTimeout(Duration.ofSeconds(10))
                        .scanAllInOrder(uris))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(9_900))
                .thenAwait(Duration.ofMillis(100))
                .assertNext(r -> assertEquals("hang:/f0.fits", r.uri().toString()))
                .assertNext(r -> assertEquals("hang:/f1.fits", r.uri().toString()))
                .verifyComplete();
    }

    @Test
    void inOrderResultsShouldFollowTheInputWhateverFinishesFirst() {
        byte[] file = org.astrocloud.fits.testkit.FitsBytes.header(org.astrocloud.fits.testkit.FitsBytes.card("SIMPLE", true),
                org.astrocloud.fits.testkit.FitsBytes.card("BITPIX", 8), org.astrocloud.fits.testkit.FitsBytes.card("NAXIS", 0));
        // file i answers after (3 - i) seconds: the last file is the first to finish
        FitsScanner scanner = FitsScanner.create().sources(ByteRangeSources.of(List.of(new TestProvider("slow",
                uri -> new ForwardingSource(MemoryByteRangeSource.of(uri, file)) {
                    @Override
                    public Mono<RangeBytes> read(ByteRange range) {
                        int i = uri.getPath().charAt(2) - '0';
                        return super.read(range).delayElement(Duration.ofSeconds(3 - i));
                    }
                }))));
        Flux<URI> uris = Flux.range(0, 3).map(i -> URI.create("slow:/f" + i + ".fits"));

        StepVerifier.withVirtualTime(() -> scanner.scanAllInOrder(uris).map(r -> r.uri().toString()))
                .thenAwait(Duration.ofSeconds(3))
                .expectNext("slow:/f0.fits", "slow:/f1.fits", "slow:/f2.fits")
                .verifyComplete();
        StepVerifier.withVirtualTime(() -> scanner.scanAll(uris).map(r -> r.uri().toString()))
                .thenAwait(Duration.ofSeconds(3))
                .expectNext("slow:/f2.fits", "slow:/f1.fits", "slow:/f0.fits")
                .verifyComplete();
    }
}

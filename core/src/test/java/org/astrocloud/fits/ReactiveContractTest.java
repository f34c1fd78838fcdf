package org.astrocloud.fits;

import org.astrocloud.fits.error.NotFitsException;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The walk is cold, demand-driven and cancellable. */
class ReactiveContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private RecordingSource ffi() throws Exception {
        Path file = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        return new RecordingSource(MemoryByteRangeSource.of(URI.create("mem:/ffi.fits"), sparseCopy(file)));
    }

    /** The FFI's bytes; the data holes read as zeros. */
    private static byte[] sparseCopy(Path file) throws Exception {
        return Files.readAllBytes(file);
    }

    @Test
    void scanShouldReadNothingBeforeTheFirstRequestAndOnlyWhatEachRequestNeeds() throws Exception {
        RecordingSource source = ffi();
        // virtual time: the pause before the third request costs nothing, and the in-memory reads
        // complete on the requesting thread, so a read ahead of demand would already have happened
        StepVerifier.withVirtualTime(() -> FitsScanner.create().scan(source), 0)
                .expectSubscription()
                .then(() -> assertEquals(0, source.ranges().size(), "no read before demand"))
                .thenRequest(1)
                .expectNextMatches(h -> h.index() == 0)
                .then(() -> assertEquals(1, source.ranges().size()))
                // the first 64 KiB also hold the second header: no new read
                .thenRequest(1)
                .expectNextMatches(h -> h.index() == 1)
                .then(() -> assertEquals(1, source.ranges().size()))
                .thenAwait(Duration.ofMillis(50))
                .then(() -> assertEquals(1, source.ranges().size(), "no read ahead of demand"))
                .thenRequest(1)
                .expectNextMatches(h -> h.index() == 2 && h.headerOffset() == 17_775_360L)
                .then(() -> assertEquals(2, source.ranges().size()))
                .thenRequest(1)
                .expectComplete()
                .verify(TIMEOUT);
        assertEquals(2, source.ranges().size());
    }

    @Test
    void scanShouldNotReadTheNextHeaderUntilAsked() throws Exception {
        RecordingSource source = ffi();
        StepVerifier.withVirtualTime(() -> FitsScanner.create().readAhead(2880).scan(source), 1)
                .expectNextMatches(h -> h.index() == 0)
                .thenAwait(Duration.ofMillis(50))
                .then(() -> assertEquals(List.of(ByteRange.of(0, 2880)), source.ranges()))
                .thenCancel()
                .verify(TIMEOUT);
    }

    /** A source whose reads never complete, counting cancellations and closes. */
    private static final class HangingSource implements ByteRangeSource {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        private final URI uri;

        HangingSource(URI uri) {
            this.uri = uri;
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            return Mono.<RangeBytes>never().doOnSubscribe(s -> reads.incrementAndGet()).doOnCancel(cancels::incrementAndGet);
        }

        @Override
        public ReadStats stats() {
            return new ReadStats();
        }

        @Override
        public Mono<Void> close() {
            return Mono.fromRunnable(closes::incrementAndGet);
        }
    }

    @Test
    void cancelShouldCancelTheReadInFlightAndCloseTheSource() {
        AtomicReference<HangingSource> opened = new AtomicReference<>();
        FitsScanner scanner = FitsScanner.create().sources(ByteRangeSources.of(List.of(new TestProvider("hang", uri -> {
            HangingSource s = new HangingSource(uri);
            opened.set(s);
            return s;
        }))));
        StepVerifier.create(scanner.scan(URI.create("hang://host/file.fits")))
                .expectSubscription()
                .then(() -> assertEquals(1, opened.get().reads.get()))
                .thenCancel()
                .verify(TIMEOUT);
        assertEquals(1, opened.get().cancels.get(), "the read in flight is cancelled");
        assertEquals(1, opened.get().closes.get(), "the source is closed");
        assertEquals(1, opened.get().reads.get(), "no read after cancel");
    }

    @Test
    void scanShouldCloseTheSourceWhenTheWalkCompletesOrFails() throws Exception {
        Path good = TessFiles.writeFfi(dir.resolve("good.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path bad = Files.write(dir.resolve("bad.fits"), "not fits at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        AtomicReference<RecordingSource> last = new AtomicReference<>();
        FitsScanner scanner = FitsScanner.create().sources(ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            last.set(new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty())));
            return last.get();
        }))));

        StepVerifier.create(scanner.scan(good.toUri())).expectNextCount(3).verifyComplete();
        assertEquals(1, last.get().closes());

        StepVerifier.create(scanner.scan(bad.toUri())).expectError(NotFitsException.class).verify(TIMEOUT);
        assertEquals(1, last.get().closes());
    }

    @Test
    void scanShouldBeColdAndRepeatable() throws Exception {
        RecordingSource source = ffi();
        FitsScanner scanner = FitsScanner.create();
        var flux = scanner.scan(source);
        assertEquals(0, source.ranges().size());
        assertEquals(3, flux.collectList().block(TIMEOUT).size());
        assertEquals(3, flux.collectList().block(TIMEOUT).size());
        assertEquals(4, source.ranges().size());
    }
}

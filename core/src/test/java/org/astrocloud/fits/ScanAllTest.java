package org.astrocloud.fits;

import org.astrocloud.fits.error.UnsupportedSchemeException;
import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.NotFitsException;
import org.astrocloud.fits.error.EmptyFileException;
import org.astrocloud.fits.error.AstroCloudException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Many files at once: bounded concurrency, one result per file, failures reported and survived. */
class ScanAllTest {
    @TempDir
    Path dir;

    /** Counts sources open at once. */
    private static final class Gauge {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        ByteRangeSource track(ByteRangeSource s) {
            max.accumulateAndGet(open.incrementAndGet(), Math::max);
            return new ForwardingSource(s) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return super.read(range).delayElement(Duration.ofMillis(2));
                }

                @Override
                public Mono<Void> close() {
                    return super.close().then(Mono.fromRunnable(open::decrementAndGet));
                }
            };
        }
    }

    @Test
    void scanAllShouldReportEveryFileAndKeepGoingPastFailures() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, 1248);
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Path text = Files.writeString(dir.resolve("readme.fits"), "this is not FITS");
        Path empty = Files.write(dir.resolve("empty.fits"), new byte[0]);
        Path cut = dir.resolve("cut.fits");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(ffi), 30_000));
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            uris.add(cube.toUri());
            uris.add(ffi.toUri());
        }
        uris.addAll(List.of(text.toUri(), empty.toUri(), cut.toUri(), dir.resolve("missing.fits").toUri(),
                URI.create("nosuchscheme://x/y.fits")));

        Gauge gauge = new Gauge();
        FitsScanner scanner = FitsScanner.create().concurrency(8).sources(ByteRangeSources.of(List.of(
                new TestProvider("file", uri -> gauge.track(ByteRangeSources.installed().get(uri, SourceOptions.empty()))))));
        List<ScanResult> results = scanner.scanAll(Flux.fromIterable(uris)).collectList().block(Duration.ofSeconds(60));

        assertEquals(uris.size(), results.size());
        assertTrue(gauge.max.get() <= 8, "at most 8 files open at once, saw " + gauge.max.get());
        assertEquals(0, gauge.open.get(), "every source closed");
        Map<String, List<ScanResult>> byName = results.stream()
                .collect(Collectors.groupingBy(r -> Path.of(r.uri().getPath()).getFileName().toString()));
        assertTrue(byName.get("cube.fits").stream().allMatch(r -> r.isOk() && r.headers().size() == 3
                && r.requests() == 2 && r.size().getAsLong() == 44_316_717_120L && r.trailingBytes().getAsLong() == 0));
        assertTrue(byName.get("ffi.fits").stream().allMatch(r -> r.isOk() && r.headers().size() == 3));
        Function<String, Throwable> errorOf = name -> byName.get(name).get(0).error().orElseThrow();
        assertInstanceOf(NotFitsException.class, errorOf.apply("readme.fits"));
        assertInstanceOf(EmptyFileException.class, errorOf.apply("empty.fits"));
        assertInstanceOf(ObjectNotFoundException.class, errorOf.apply("missing.fits"));
        assertInstanceOf(UnsupportedSchemeException.class, byName.get("y.fits").get(0).error().orElseThrow());
        ScanResult truncated = byName.get("cut.fits").get(0);
        assertInstanceOf(TruncatedFileException.class, truncated.error().orElseThrow());
        assertEquals(2, truncated.headers().size(), "the headers before the fault are kept");
        assertEquals(1, ((AstroCloudException) truncated.error().get()).hdu().getAsInt());
    }

    @Test
    void scanAllShouldPullUrisOnlyAsFastAsItScans() {
        AtomicInteger pulled = new AtomicInteger();
        Path ffi = TessFiles.writeFfi(dir.resolve("ffi.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        Flux<URI> endless = Flux.generate(sink -> {
            pulled.incrementAndGet();
            sink.next(ffi.toUri());
        });
        List<ScanResult> first = FitsScanner.create().concurrency(4).scanAll(endless).take(10).collectList()
                .block(Duration.ofSeconds(30));
        assertEquals(10, first.size());
        assertTrue(pulled.get() <= 10 + 4 + 4, "pulled " + pulled.get());
    }
}

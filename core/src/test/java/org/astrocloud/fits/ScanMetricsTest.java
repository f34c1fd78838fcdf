package org.astrocloud.fits;

import org.astrocloud.fits.micrometer.MicrometerScanListener;
import org.astrocloud.fits.error.UnsupportedSchemeException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.FitsBytes;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Metrics in Micrometer and {@link ScanTotals}, checked against the known layout of a full-size
 * sparse sector-22 cube: 3 HDUs, 44,316,717,120 bytes, read in 2 range reads of 64 KiB.
 */
class ScanMetricsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long CUBE_SIZE = 44_316_717_120L;
    private static final long CUBE_READS = 2;
    private static final long CUBE_BYTES_READ = 2 * 64 * 1024;
    private static final long CUBE_HDUS = 3;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Path cube(String name) {
        return TessFiles.writeCube(dir.resolve(name), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
    }

    private static double counter(MeterRegistry registry, String name, String scheme) {
        return registry.get(name).tag("scheme", scheme).counter().count();
    }

    private static double files(MeterRegistry registry, String scheme, String outcome) {
        return registry.get("astrocloud.files").tag("scheme", scheme).tag("outcome", outcome).counter().count();
    }

    private static Timer reads(MeterRegistry registry, String scheme, String outcome) {
        return registry.find("astrocloud.read.latency").tag("scheme", scheme).tag("outcome", outcome).timer();
    }

    /** A provider for {@code scheme} whose URIs name files in {@code dir} by their last path segment. */
    private ByteRangeSourceProvider filesAs(String scheme) {
        return new TestProvider(scheme, uri -> ByteRangeSources.open(
                dir.resolve(Path.of(uri.getPath()).getFileName().toString()).toUri(), SourceOptions.empty()));
    }

    @Test
    void scanAllShouldCountRequestsBytesFilesHdusAndReadsExactly() {
        List<URI> uris = List.of(cube("a-cube.fits").toUri(), cube("b-cube.fits").toUri(),
                cube("c-cube.fits").toUri(), dir.resolve("missing.fits").toUri());
        ScanTotals totals = new ScanTotals();

        List<ScanResult> results = FitsScanner.create().listener(MicrometerScanListener.of(registry)).listener(totals)
                .scanAll(Flux.fromIterable(uris)).collectList().block(TIMEOUT);

        assertEquals(4, results.size());
        assertEquals(3 * CUBE_READS, counter(registry, "astrocloud.requests", "file"));
        assertEquals(3 * CUBE_BYTES_READ, counter(registry, "astrocloud.bytes.read", "file"));
        assertEquals(0, counter(registry, "astrocloud.retries", "file"));
        assertEquals(3 * CUBE_HDUS, counter(registry, "astrocloud.hdus", "file"));
        assertEquals(3, files(registry, "file", "ok"));
        assertEquals(1, files(registry, "file", "ObjectNotFoundException"));
        assertEquals(2, registry.find("astrocloud.files").counters().size(), "no other outcome");

        Timer ok = reads(registry, "file", "ok");
        assertEquals(3 * CUBE_READS, ok.count());
        assertTrue(ok.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(1, reads(registry, "file", "ObjectNotFoundException").count(), "the missing file's one read");
        assertNull(reads(registry, "file", "cancelled"));
        assertEquals(2, registry.find("astrocloud.read.latency").timers().size());
        assertEquals("bytes", registry.get("astrocloud.bytes.read").counter().getId().getBaseUnit());

        assertEquals(3, totals.filesOk());
        assertEquals(1, totals.filesFailed());
        assertEquals(0, totals.filesCancelled());
        assertEquals(4, totals.files());
        assertEquals(3 * CUBE_HDUS, totals.hdus());
        assertEquals(3 * CUBE_READS, totals.requests());
        assertEquals(3 * CUBE_BYTES_READ, totals.bytesRead());
        assertEquals(0, totals.retries());
        assertEquals(3 * CUBE_SIZE, totals.objectBytes());
    }

    @Test
    void totalsShouldAgreeWithTheResultsAndTheMetrics() {
        List<URI> uris = List.of(cube("a-cube.fits").toUri(), cube("b-cube.fits").toUri(),
                cube("c-cube.fits").toUri(), dir.resolve("missing.fits").toUri());
        ScanTotals totals = new ScanTotals();

        List<ScanResult> results = FitsScanner.create().concurrency(2).listener(totals).listener(MicrometerScanListener.of(registry))
                .scanAll(Flux.fromIterable(uris)).collectList().block(TIMEOUT);

        assertEquals(results.stream().filter(ScanResult::isOk).count(), totals.filesOk());
        assertEquals(results.stream().filter(r -> !r.isOk()).count(), totals.filesFailed());
        assertEquals(results.stream().mapToLong(r -> r.headers().size()).sum(), totals.hdus());
        assertEquals(results.stream().mapToLong(ScanResult::requests).sum(), totals.requests());
        assertEquals(results.stream().mapToLong(ScanResult::bytesRead).sum(), totals.bytesRead());
        assertEquals(results.stream().mapToLong(ScanResult::retries).sum(), totals.retries());
        assertEquals(results.stream().mapToLong(r -> r.size().orElse(0)).sum(), totals.objectBytes());
        assertEquals(totals.requests(), (long) counter(registry, "astrocloud.requests", "file"));
        assertEquals(totals.bytesRead(), (long) counter(registry, "astrocloud.bytes.read", "file"));
        assertEquals(totals.hdus(), (long) counter(registry, "astrocloud.hdus", "file"));
    }

    @Test
    void metricsShouldBeTaggedByTheSchemeOfTheUriRead() {
        cube("cube.fits");
        FitsScanner scanner = FitsScanner.create().listener(MicrometerScanListener.of(registry))
                .sources(ByteRangeSources.of(List.of(filesAs("file"), filesAs("s3"), filesAs("https"))))
                .rootMap(RootMap.empty().with("s3://mirror/", "https://mirror.example.org/"));

        assertEquals(3, scanner.scan(URI.create("s3://bucket/tess/cube.fits")).count().block(TIMEOUT));
        assertTrue(scanner.scanFile(URI.create("https://archive.example.org/tess/cube.fits")).block(TIMEOUT).isOk());
        assertEquals(3, scanner.scan(URI.create("s3://mirror/cube.fits")).count().block(TIMEOUT), "read over https");
        assertEquals(1, scanner.scanAll(Flux.just(dir.resolve("cube.fits").toUri())).count().block(TIMEOUT));
        ScanResult unsupported = scanner.scanFile(URI.create("gopher://example.org/cube.fits")).block(TIMEOUT);

        assertEquals(CUBE_READS, counter(registry, "astrocloud.requests", "s3"));
        assertEquals(2 * CUBE_READS, counter(registry, "astrocloud.requests", "https"));
        assertEquals(CUBE_READS, counter(registry, "astrocloud.requests", "file"));
        assertEquals(CUBE_BYTES_READ, counter(registry, "astrocloud.bytes.read", "s3"));
        assertEquals(2 * CUBE_BYTES_READ, counter(registry, "astrocloud.bytes.read", "https"));
        assertEquals(CUBE_HDUS, counter(registry, "astrocloud.hdus", "s3"));
        assertEquals(1, files(registry, "s3", "ok"));
        assertEquals(2, files(registry, "https", "ok"));
        assertEquals(1, files(registry, "file", "ok"));
        assertEquals(CUBE_READS, reads(registry, "s3", "ok").count());
        assertEquals(2 * CUBE_READS, reads(registry, "https", "ok").count());
        assertEquals(CUBE_READS, reads(registry, "file", "ok").count());

        assertTrue(unsupported.error().orElseThrow() instanceof UnsupportedSchemeException);
        assertEquals(1, files(registry, "gopher", "UnsupportedSchemeException"));
        assertEquals(0, counter(registry, "astrocloud.requests", "gopher"));
        assertNull(registry.find("astrocloud.read.latency").tag("scheme", "gopher").timer(), "nothing was read");
    }

    @Test
    void scanOfACallersSourceShouldCountOnlyItsOwnReads() {
        Path cube = cube("cube.fits");
        ScanTotals totals = new ScanTotals();
        ByteRangeSource source = ByteRangeSources.open(cube.toUri(), SourceOptions.empty());
        try {
            source.read(ByteRange.of(0, 2880)).block(TIMEOUT);

            List<FitsHeader> headers = FitsScanner.create().listener(MicrometerScanListener.of(registry)).listener(totals).scan(source)
                    .collectList().block(TIMEOUT);

            assertEquals(3, headers.size());
            assertEquals(CUBE_READS + 1, source.stats().requests());
            assertEquals(CUBE_READS, counter(registry, "astrocloud.requests", "file"));
            assertEquals(CUBE_BYTES_READ, counter(registry, "astrocloud.bytes.read", "file"));
            assertEquals(CUBE_READS, reads(registry, "file", "ok").count());
            assertEquals(CUBE_READS, totals.requests());
            assertEquals(1, totals.filesOk());
        } finally {
            source.close().block(TIMEOUT);
        }
    }

    @Test
    void scanCancelledAfterTheFirstHeaderShouldCountAsCancelledWithItsOneRead() {
        Path cube = cube("cube.fits");
        ScanTotals totals = new ScanTotals();

        FitsHeader first = FitsScanner.create().listener(MicrometerScanListener.of(registry)).listener(totals).scan(cube.toUri()).take(1)
                .blockFirst(TIMEOUT);

        assertEquals(HduKind.PRIMARY, first.kind());
        assertEquals(1, files(registry, "file", "cancelled"));
        assertEquals(1, counter(registry, "astrocloud.hdus", "file"));
        assertEquals(1, counter(registry, "astrocloud.requests", "file"));
        assertEquals(1, reads(registry, "file", "ok").count());
        assertEquals(1, totals.filesCancelled());
        assertEquals(0, totals.filesOk() + totals.filesFailed());
        assertEquals(CUBE_SIZE, totals.objectBytes());
    }

    @Test
    void readInFlightWhenTheScanIsCancelledShouldBeTimedAsCancelled() {
        AtomicInteger started = new AtomicInteger();
        ByteRangeSource stalled = new ByteRangeSource() {
            private final ReadStats stats = new ReadStats();

            @Override
            public URI uri() {
                return URI.create("s3://bucket/stalled.fits");
            }

            @Override
            public Mono<RangeBytes> read(ByteRange range) {
                return Mono.<RangeBytes>never().doOnSubscribe(s -> started.incrementAndGet());
            }

            @Override
            public ReadStats stats() {
                return stats;
            }

            @Override
            public Mono<Void> close() {
                return Mono.empty();
            }
        };
        FitsScanner scanner = FitsScanner.create().listener(MicrometerScanListener.of(registry))
                .sources(ByteRangeSources.of(List.of(new TestProvider("s3", uri -> stalled))));

        Disposable scan = scanner.scan(stalled.uri()).subscribe();
        assertEquals(1, started.get(), "the first read is in flight");
        scan.dispose();

        assertEquals(1, reads(registry, "s3", "cancelled").count());
        assertNull(reads(registry, "s3", "ok"));
        assertEquals(1, files(registry, "s3", "cancelled"));
        assertEquals(0, counter(registry, "astrocloud.hdus", "s3"));
    }

    @Test
    void gzipStreamShouldBeTimedAsOneRead() {
        MemoryByteRangeSource source = MemoryByteRangeSource.of(URI.create("https://archive.example.org/three.fits.gz"),
                FitsBytes.gzip(GzipWalkTest.threeHdus()));

        List<FitsHeader> headers = FitsScanner.create().listener(MicrometerScanListener.of(registry)).scan(source).collectList().block(TIMEOUT);

        assertEquals(3, headers.size());
        assertEquals(2, source.stats().requests(), "the read that found the gzip magic, then the stream's one chunk");
        assertEquals(2, reads(registry, "https", "ok").count());
        assertEquals(2, counter(registry, "astrocloud.requests", "https"));
        assertEquals(3, counter(registry, "astrocloud.hdus", "https"));
        assertEquals(1, files(registry, "https", "ok"));
    }

    @Test
    void scannerWithoutMetricsShouldScanAsBefore() {
        Path cube = cube("cube.fits");
        FitsScanner plain = FitsScanner.create();

        ScanResult result = plain.scanFile(cube.toUri()).block(TIMEOUT);
        List<FitsHeader> headers = plain.scan(cube.toUri()).collectList().block(TIMEOUT);

        assertTrue(result.isOk());
        assertEquals(CUBE_HDUS, result.headers().size());
        assertEquals(CUBE_READS, result.requests());
        assertEquals(CUBE_BYTES_READ, result.bytesRead());
        assertEquals(CUBE_SIZE, result.size().getAsLong());
        assertEquals(0, result.trailingBytes().getAsLong());
        assertEquals(CUBE_HDUS, headers.size());
        assertTrue(plain.toString().contains("listeners=0"), plain.toString());
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    void listenersShouldBeRequired() {
        assertThrows(NullPointerException.class, () -> FitsScanner.create().listener(null));
        assertThrows(NullPointerException.class, () -> MicrometerScanListener.of(null));
    }

    @Test
    void metricsAndTotalsShouldReturnCopies() {
        FitsScanner plain = FitsScanner.create();
        FitsScanner measured = plain.listener(MicrometerScanListener.of(registry)).listener(new ScanTotals());

        assertTrue(plain.toString().contains("listeners=0"), plain.toString());
        assertTrue(measured.toString().contains("listeners=2"), measured.toString());
        assertTrue(measured.concurrency(4).readAhead(2880).toString().contains("listeners=2"));
    }
}

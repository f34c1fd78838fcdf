package org.astrocloud.fits;

import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.internal.walk.WalkReport;
import org.astrocloud.fits.internal.walk.WalkSettings;
import org.astrocloud.fits.internal.walk.HduWalker;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.HeaderTooLargeException;
import org.astrocloud.fits.error.AstroCloudException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.fits.spi.SourceOptions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The entry point: reads the headers of FITS files as reactive streams, with as few range
 * reads as the file's layout allows (two for a TESS cube).
 *
 * <p>Immutable: every setting returns a new scanner, and nothing is read before a subscriber
 * requests a header. {@link #scan(URI)} is cold and demand-driven: the first read happens on the
 * first request, and the read for the next header only when the subscriber asks for it.
 * Cancelling stops the read in flight and all further reads, and closes the source.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create().readAhead(64 * 1024).concurrency(64);
 *
 * // one file
 * scanner.scan(URI.create("file:/data/tess-s0022-1-1-cube.fits"))
 *        .subscribe(h -> log.info("HDU {} {} {}", h.index(), h.kind(), h.naxis()));
 *
 * // many files, one result per file as each completes; a failing file does not stop the others
 * scanner.scanAll(Flux.just(uri1, uri2, uri3))
 *        .subscribe(r -> log.info("{} ok={} hdus={}", r.uri(), r.isOk(), r.headers().size()));
 * }</pre>
 *
 * <p>Headers and results are signalled on the source's I/O threads; do not block in subscribers.
 *
 * <p>Optionally a scanner counts what it does, per file, in Micrometer ({@link #metrics}) and in
 * {@link ScanTotals} ({@link #totals}); both are fed from the same per-file figures that
 * {@link ScanResult} reports. Without them nothing is counted and Micrometer need not be on the
 * class path.
 */
public final class FitsScanner {
    /** The default first read: 64 KiB, enough for the primary and first extension headers of most files. */
    public static final int DEFAULT_READ_AHEAD = 64 * 1024;
    /** The default largest header: 8 MiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024 * 1024;
    /** The default number of files scanned at once by {@link #scanAll}. */
    public static final int DEFAULT_CONCURRENCY = 64;

    private final int readAhead;
    private final int maxHeaderSize;
    private final int concurrency;
    private final RootMap rootMap;
    private final HeaderTransform transform;
    private final SourceOptions options;
    private final ByteRangeSources sources;
    private final ScanHooks hooks;
    /** {@link #options} with the scan's concurrency filled in, as handed to every source. */
    private final SourceOptions sourceOptions;

    private FitsScanner(int readAhead, int maxHeaderSize, int concurrency, RootMap rootMap,
                        HeaderTransform transform, SourceOptions options, ByteRangeSources sources, ScanHooks hooks) {
        this.readAhead = readAhead;
        this.maxHeaderSize = maxHeaderSize;
        this.concurrency = concurrency;
        this.rootMap = rootMap;
        this.transform = transform;
        this.options = options;
        this.sources = sources;
        this.hooks = hooks;
        this.sourceOptions = options.has(SourceOptions.CONCURRENCY) ? options
                : options.with(SourceOptions.CONCURRENCY, concurrency);
    }

    /** A scanner with the defaults and every source provider on the class path. */
    public static FitsScanner create() {
        return new FitsScanner(DEFAULT_READ_AHEAD, DEFAULT_MAX_HEADER_SIZE, DEFAULT_CONCURRENCY,
                RootMap.empty(), HeaderTransform.identity(), SourceOptions.empty(), null, ScanHooks.NONE);
    }

    /** A copy that reads {@code bytes} at once when a header is not yet buffered (at least 2880). */
    public FitsScanner readAhead(int bytes) {
        if (bytes < FitsBlocks.BLOCK_SIZE) {
            throw new IllegalArgumentException("read-ahead must be at least 2880 bytes: " + bytes);
        }
        return new FitsScanner(bytes, maxHeaderSize, concurrency, rootMap, transform, options, sources, hooks);
    }

    /** A copy that fails a header larger than {@code bytes} (at least 2880) with {@link HeaderTooLargeException}. */
    public FitsScanner maxHeaderSize(int bytes) {
        if (bytes < FitsBlocks.BLOCK_SIZE) {
            throw new IllegalArgumentException("the maximum header size must be at least 2880 bytes: " + bytes);
        }
        return new FitsScanner(readAhead, bytes, concurrency, rootMap, transform, options, sources, hooks);
    }

    /** A copy that scans at most {@code files} files at once in {@link #scanAll}. */
    public FitsScanner concurrency(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + files);
        }
        return new FitsScanner(readAhead, maxHeaderSize, files, rootMap, transform, options, sources, hooks);
    }

    /** A copy that rewrites URIs with {@code map} before opening them. */
    public FitsScanner rootMap(RootMap map) {
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, Objects.requireNonNull(map, "map"),
                transform, options, sources, hooks);
    }

    /** A copy that applies {@code next} to every header, after the transforms already set. */
    public FitsScanner transform(HeaderTransform next) {
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, rootMap, transform.andThen(next), options,
                sources, hooks);
    }

    /** A copy that passes {@code option} = {@code value} to the sources it opens. */
    public <T> FitsScanner option(SourceOption<T> option, T value) {
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, rootMap, transform,
                options.with(option, value), sources, hooks);
    }

    /** A copy that opens sources with these providers instead of those on the class path. */
    public FitsScanner sources(ByteRangeSources registry) {
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, rootMap, transform, options,
                Objects.requireNonNull(registry, "registry"), hooks);
    }

    /**
     * A copy that records metrics in {@code meterRegistry}, a Micrometer
     * {@code io.micrometer.core.instrument.MeterRegistry}, replacing any registry set before.
     *
     * <p>Counters, each tagged {@code scheme} ({@code file}, {@code http}, {@code https},
     * {@code s3}, ... as in the URI read, after the {@link RootMap}):
     * {@code astrocloud.requests}, {@code astrocloud.bytes.read}, {@code astrocloud.retries}
     * (taken from the source's {@link org.astrocloud.fits.spi.ReadStats} when the file's scan ends),
     * {@code astrocloud.hdus} (headers emitted), and {@code astrocloud.files}, also tagged
     * {@code outcome}: {@code ok}, {@code cancelled} or the error's simple class name
     * ({@code ObjectNotFoundException}). A timer {@code astrocloud.read.latency}, tagged
     * {@code scheme} and {@code outcome} ({@code ok}, {@code cancelled} or the error's simple class
     * name), times each range read from subscription to its end; retries within a read are part of
     * that read. Every file counts once, whether scanned by {@link #scan(URI)},
     * {@link #scan(ByteRangeSource)} (only the reads of that scan), {@link #scanFile} or
     * {@link #scanAll}. Recording happens on the thread that ends a read or a file and never blocks.
     *
     * <p>The parameter is typed {@code Object} so that this class names no Micrometer type:
     * Micrometer is an optional dependency, and without it core loads, scans and can be inspected
     * by reflection as usual; only this method then fails.
     *
     * <pre>{@code
     * MeterRegistry registry = new SimpleMeterRegistry();
     * FitsScanner scanner = FitsScanner.create().metrics(registry);
     * scanner.scanAll(uris).subscribe();
     * // later: registry.get("astrocloud.requests").tag("scheme", "s3").counter().count()
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code meterRegistry} is not a Micrometer {@code MeterRegistry}
     * @throws IllegalStateException if Micrometer ({@code io.micrometer:micrometer-core}) is not on the class path
     */
    public FitsScanner metrics(Object meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        ScanMeters meters;
        try {
            meters = MicrometerMetrics.of(meterRegistry);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("metrics need Micrometer (io.micrometer:micrometer-core) on the class path",
                    e);
        }
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, rootMap, transform, options, sources,
                hooks.withMeters(meters));
    }

    /**
     * A copy that adds every file it scans to {@code totals}, replacing any totals set before: the
     * same per-file figures as {@link #metrics}, without Micrometer. See {@link ScanTotals}.
     */
    public FitsScanner totals(ScanTotals totals) {
        return new FitsScanner(readAhead, maxHeaderSize, concurrency, rootMap, transform, options, sources,
                hooks.withTotals(Objects.requireNonNull(totals, "totals")));
    }

    /** The options passed to sources. */
    public SourceOptions options() {
        return options;
    }

    /**
     * The headers of one file, in order. Errors are {@link AstroCloudException}s emitted after
     * every header before the fault; see the README for the walk.
     */
    public Flux<FitsHeader> scan(URI uri) {
        return Flux.defer(() -> tracked(rootMap.apply(uri)).headers());
    }

    /** The headers read from {@code source}, which the caller keeps and closes. */
    public Flux<FitsHeader> scan(ByteRangeSource source) {
        return Flux.defer(() -> {
            FileTally tally = new FileTally(hooks, source.uri());
            return tally.track(walk(tally.attach(source), tally.report()));
        });
    }

    /** Scans one file to the end and reports it as one result; never signals an error. */
    public Mono<ScanResult> scanFile(URI uri) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            URI resolved = rootMap.apply(uri);
            Tracked file = tracked(resolved);
            List<FitsHeader> headers = new ArrayList<>();
            return file.headers()
                    .doOnNext(headers::add)
                    .then(Mono.fromSupplier(() -> file.tally().result(uri, resolved, headers, null, start)))
                    .onErrorResume(e -> Mono.just(file.tally().result(uri, resolved, headers, e, start)));
        });
    }

    /**
     * Scans many files, at most {@link #concurrency} at once, emitting one result per file as it
     * completes (not in input order). A failing file is a result with its error; the stream
     * goes on. Requests URIs from {@code uris} only as fast as files are scanned.
     */
    public Flux<ScanResult> scanAll(Publisher<URI> uris) {
        return Flux.from(uris).flatMap(this::scanFile, concurrency);
    }

    /**
     * The object URIs that {@code uri} names after the {@link RootMap}: the object itself, or every
     * object under a prefix or matching a glob when its source can list
     * ({@code s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits}). Demand-driven: feed it to
     * {@link #scanAll} and listing pages are fetched as scanning needs them.
     */
    public Flux<URI> expand(URI uri) {
        return Flux.defer(() -> registry().expand(rootMap.apply(uri), sourceOptions));
    }

    /** One file's walk, opened from the already root-mapped {@code resolved}, closed at its end, counted by its tally. */
    private record Tracked(FileTally tally, Flux<FitsHeader> headers) {
    }

    private Tracked tracked(URI resolved) {
        FileTally tally = new FileTally(hooks, resolved);
        Mono<ByteRangeSource> open = Mono.fromCallable(() -> registry().get(resolved, sourceOptions)).map(tally::attach);
        return new Tracked(tally, tally.track(Flux.usingWhen(open, source -> walk(source, tally.report()),
                ByteRangeSource::close)));
    }

    private ByteRangeSources registry() {
        return sources == null ? ByteRangeSources.installed() : sources;
    }


    /** The headers of {@code source} as the walk finds them, transformed on their way out. */
    private Flux<FitsHeader> walk(ByteRangeSource source, WalkReport report) {
        return HduWalker.walk(source, new WalkSettings(readAhead, maxHeaderSize), report)
                .map(unit -> transform.apply(FitsHeader.of(unit)));
    }

    @Override
    public String toString() {
        return "FitsScanner[readAhead=" + readAhead + ", maxHeaderSize=" + maxHeaderSize + ", concurrency="
                + concurrency + ", rootMap=" + rootMap + ", " + options + ", " + hooks + "]";
    }
}

package org.astrocloud.fits;

import org.astrocloud.fits.internal.walk.WalkReport;
import org.astrocloud.fits.internal.walk.WalkSettings;
import org.astrocloud.fits.internal.walk.HduWalker;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.HeaderTooLargeException;
import org.astrocloud.fits.error.AstroCloudException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.astrocloud.fits.error.DeadlineExceededException;
import reactor.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
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
 * <p>Optionally a scanner tells {@link ScanListener}s what it does ({@link #listener}):
 * {@link ScanTotals} adds it up, the optional Micrometer adapter records meters; both hear the same
 * per-file figures that {@link ScanResult} reports. Without listeners nothing is counted, and
 * Micrometer need not be on the class path. All settings are one {@link ScanSettings} value.
 */
public final class FitsScanner {
    /** The default first read: 64 KiB, enough for the primary and first extension headers of most files. */
    public static final int DEFAULT_READ_AHEAD = ScanSettings.DEFAULT_READ_AHEAD;
    /** The default largest header: 8 MiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = ScanSettings.DEFAULT_MAX_HEADER_SIZE;
    /** The default number of files scanned at once by {@link #scanAll}. */
    public static final int DEFAULT_CONCURRENCY = ScanSettings.DEFAULT_CONCURRENCY;

    private final ScanSettings settings;
    /** {@code null}: the providers installed on the class path. */
    private final ByteRangeSources sources;
    private final Listeners listeners;
    /** The settings' options with the scan's concurrency filled in, as handed to every source. */
    private final SourceOptions sourceOptions;
    /** {@code null}: no catalog. */
    private final CatalogScan catalog;

    private FitsScanner(ScanSettings settings, ByteRangeSources sources, Listeners listeners, CatalogScan catalog) {
        this.settings = settings;
        this.sources = sources;
        this.listeners = listeners;
        this.sourceOptions = settings.sourceOptions();
        this.catalog = catalog;
    }

    /** A scanner with the defaults and every source provider on the class path. */
    public static FitsScanner create() {
        return create(ScanSettings.defaults());
    }

    /** A scanner with these settings and every source provider on the class path. */
    public static FitsScanner create(ScanSettings settings) {
        return new FitsScanner(Objects.requireNonNull(settings, "settings"), null, Listeners.NONE, null);
    }

    private FitsScanner with(ScanSettings changed) {
        return new FitsScanner(changed, sources, listeners, catalog);
    }

    /** What this scanner is set to. */
    public ScanSettings settings() {
        return settings;
    }

    /** A copy that reads {@code bytes} at once when a header is not yet buffered (at least 2880). */
    public FitsScanner readAhead(int bytes) {
        return with(settings.withReadAhead(bytes));
    }

    /** A copy that fails a header larger than {@code bytes} (at least 2880) with {@link HeaderTooLargeException}. */
    public FitsScanner maxHeaderSize(int bytes) {
        return with(settings.withMaxHeaderSize(bytes));
    }

    /** A copy that scans at most {@code files} files at once in {@link #scanAll}. */
    public FitsScanner concurrency(int files) {
        return with(settings.withConcurrency(files));
    }

    /**
     * A copy that fails a file whose scan by {@link #scanFile} (or {@link #scanAll}) takes longer than
     * {@code deadline}, over all its reads and retries, with {@link DeadlineExceededException}
     * (default 60 s, {@link ScanSettings#DEFAULT_FILE_TIMEOUT}). A {@link #scan(URI)} stream is paced
     * by its subscriber and has no deadline of its own: add {@code timeout(...)} where you need one.
     */
    public FitsScanner fileTimeout(Duration deadline) {
        return with(settings.withFileTimeout(deadline));
    }

    /**
     * A copy whose {@link #scanAll} stops starting files once {@code deadline} has passed since it was
     * subscribed to, and fails the files still in flight then with {@link DeadlineExceededException}
     * results; the stream then completes. {@code null}: no deadline (the default).
     */
    public FitsScanner scanTimeout(Duration deadline) {
        return with(settings.withScanTimeout(deadline));
    }

    /** A copy that rewrites URIs with {@code map} before opening them. */
    public FitsScanner rootMap(RootMap map) {
        return with(settings.withRootMap(map));
    }

    /** A copy that applies {@code next} to every header, after the transforms already set. */
    public FitsScanner transform(HeaderTransform next) {
        return with(settings.withTransform(settings.transform().andThen(next)));
    }

    /** A copy that passes {@code option} = {@code value} to the sources it opens. */
    public <T> FitsScanner option(SourceOption<T> option, T value) {
        return with(settings.withOption(option, value));
    }

    /** A copy that opens sources with these providers instead of those on the class path. */
    public FitsScanner sources(ByteRangeSources registry) {
        return new FitsScanner(settings, Objects.requireNonNull(registry, "registry"), listeners, catalog);
    }

    /**
     * A copy that also tells {@code listener} what it does: every range read and every file's
     * {@link FileFigures} when its scan ends, whether scanned by {@link #scan(URI)},
     * {@link #scan(ByteRangeSource)} (only the reads of that scan), {@link #scanFile} or
     * {@link #scanAll}. {@link ScanTotals} adds the figures up; the optional
     * {@code org.astrocloud.fits.micrometer.MicrometerScanListener} records them in Micrometer.
     *
     * <pre>{@code
     * ScanTotals totals = new ScanTotals();
     * FitsScanner scanner = FitsScanner.create().listener(totals).listener(MicrometerScanListener.of(registry));
     * }</pre>
     */
    public FitsScanner listener(ScanListener listener) {
        return new FitsScanner(settings, sources, listeners.with(Objects.requireNonNull(listener, "listener")), catalog);
    }

    /**
     * A copy that scans through {@code catalog}: {@link #scanFile} and {@link #scanAll} answer an
     * object whose entry is younger than {@code ttl} from the catalog with no request; an older entry
     * is revalidated (against the listing's ETag and size with {@link #scanAllObjects}, else by the
     * source: one conditional request over HTTP, a HEAD over S3) and answers when the object is
     * unchanged; changed, new and failed objects are walked and stored. Results say where they came
     * from ({@link ScanResult#origin()}). {@code Duration.ZERO} revalidates every entry. A
     * {@link #scan(URI)} stream always walks.
     *
     * <pre>{@code
     * FitsScanner scanner = FitsScanner.create().catalog(InMemoryHeaderCatalog.create(), Duration.ofDays(1));
     * scanner.scanAllObjects(scanner.list(URI.create("s3://bucket/sector22/"))).blockLast();   // walks
     * scanner.scanAllObjects(scanner.list(URI.create("s3://bucket/sector22/"))).blockLast();   // LIST pages only
     * }</pre>
     */
    public FitsScanner catalog(HeaderCatalog catalog, Duration ttl) {
        return new FitsScanner(settings, sources, listeners, new CatalogScan(catalog, ttl));
    }

    /** The options passed to sources. */
    public SourceOptions options() {
        return settings.options();
    }

    /**
     * The headers of one file, in order. Errors are {@link AstroCloudException}s emitted after
     * every header before the fault; see the README for the walk.
     */
    public Flux<FitsHeader> scan(URI uri) {
        return Flux.defer(() -> tracked(settings.rootMap().apply(uri)).headers());
    }

    /** The headers read from {@code source}, which the caller keeps and closes. */
    public Flux<FitsHeader> scan(ByteRangeSource source) {
        return Flux.defer(() -> {
            FileTally tally = new FileTally(listeners, source.uri());
            return tally.track(walk(tally.attach(source), tally.report()));
        });
    }

    /** Scans one file to the end and reports it as one result; never signals an error. */
    public Mono<ScanResult> scanFile(URI uri) {
        return scanFile(uri, settings.fileTimeout(), "the per-file deadline of " + settings.fileTimeout().toMillis() + " ms");
    }

    private Mono<ScanResult> scanFile(URI uri, Duration deadline, String which) {
        return scanFile(uri, null, deadline, which);
    }

    private Mono<ScanResult> scanFile(URI uri, ObjectInfo listed, Duration deadline, String which) {
        if (catalog == null) {
            return walked(uri, deadline, which, null, Map.of());
        }
        return Mono.defer(() -> catalog.scan(uri, settings.rootMap().apply(uri), listed, new CatalogScan.Walker() {
            @Override
            public Mono<ScanResult> walk(URI file, List<FitsHeader> originals, Map<Long, Long> plan) {
                return walked(file, deadline, which, originals, plan);
            }

            @Override
            public ByteRangeSource open(URI resolved) {
                return registry().get(resolved, sourceOptions);
            }

            @Override
            public FitsHeader transform(FitsHeader header) {
                return settings.transform().apply(header);
            }
        }));
    }

    /**
     * One file walked to the end as one result; an object replaced during the walk
     * ({@link ObjectChangedException}) is walked once more from the start. {@code originals}, when
     * not null, receives the headers before any transform.
     */
    private Mono<ScanResult> walked(URI uri, Duration deadline, String which, List<FitsHeader> originals,
                                    Map<Long, Long> plan) {
        return walkedOnce(uri, deadline, which, originals, plan).flatMap(r -> r.error().orElse(null) instanceof ObjectChangedException
                ? walkedOnce(uri, deadline, which, originals, plan) : Mono.just(r));
    }

    private Mono<ScanResult> walkedOnce(URI uri, Duration deadline, String which, List<FitsHeader> originals,
                                        Map<Long, Long> plan) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            URI resolved = settings.rootMap().apply(uri);
            if (originals != null) {
                originals.clear();
            }
            Tracked file = tracked(resolved, deadline, which, originals, plan);
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
        return scanMany(uris, false);
    }

    /**
     * {@link #scanAll}, but the results come in the order of {@code uris}: a result that completes
     * before an earlier one waits for it, at most {@link ScanSettings#concurrency()} results at a time
     * (a bounded reorder buffer). Deadlines as for {@link #scanAll}.
     */
    public Flux<ScanResult> scanAllInOrder(Publisher<URI> uris) {
        return scanMany(uris, true);
    }

    /**
     * {@link #scanAll} over listed objects ({@link #list}): with a {@link #catalog}, an object whose
     * listed ETag (or size and modification time) matches its entry answers from the catalog with
     * no request of its own, so scanning an unchanged prefix again costs only its listing.
     */
    public Flux<ScanResult> scanAllObjects(Publisher<ObjectInfo> objects) {
        return Flux.from(objects).flatMap(o -> scanFile(o.uri(), o, settings.fileTimeout(),
                "the per-file deadline of " + settings.fileTimeout().toMillis() + " ms"), settings.concurrency());
    }

    /**
     * What {@link #expand} finds, with what the listing says of each object (size, ETag,
     * modification time, where the source's listing gives them).
     */
    public Flux<ObjectInfo> list(URI uri) {
        return Flux.defer(() -> registry().list(settings.rootMap().apply(uri), sourceOptions));
    }

    /**
     * Scans many files as {@link #scanAll} does, but hands each file's headers on in pieces of at most
     * {@code headersPerPart} as they are read ({@link ScanPart}), the last piece with the file's result:
     * memory per file is bounded by the piece, not by the file's number of HDUs (a file of 100,001
     * HDUs scans in a flat heap). A file of at most {@code headersPerPart} headers is one piece. Pieces
     * of different files interleave in completion order; a file's pieces come in file order. Deadlines
     * as for {@link #scanAll}. Differences, as headers are handed on before the file's end: an object
     * replaced during the walk ends with {@code ObjectChangedException} instead of being walked again;
     * with a {@link #catalog}, each file is scanned whole first (its entry holds every header), then cut
     * into pieces.
     *
     * <pre>{@code
     * scanner.scanAllInParts(Flux.fromIterable(uris), 1000)
     *         .doOnNext(part -> part.headers().forEach(out::println))
     *         .filter(ScanPart::isLast)
     *         .map(part -> part.end().orElseThrow())
     *         .blockLast();
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code headersPerPart} is less than 1
     */
    public Flux<ScanPart> scanAllInParts(Publisher<URI> uris, int headersPerPart) {
        if (headersPerPart < 1) {
            throw new IllegalArgumentException("a part holds at least one header: " + headersPerPart);
        }
        return scanMany(uris, false, (u, deadline, which) -> parts(u, deadline, which, headersPerPart));
    }

    /** One file's scan, within a deadline ({@code which} names it in the error). */
    private interface FileScan<T> {
        Publisher<T> scan(URI uri, Duration deadline, String which);
    }

    private Flux<ScanResult> scanMany(Publisher<URI> uris, boolean inOrder) {
        return scanMany(uris, inOrder, this::scanFile);
    }

    private <T> Flux<T> scanMany(Publisher<URI> uris, boolean inOrder, FileScan<T> scan) {
        Duration total = settings.scanTimeout();
        String perFile = "the per-file deadline of " + settings.fileTimeout().toMillis() + " ms";
        if (total == null) {
            return merge(Flux.from(uris), u -> scan.scan(u, settings.fileTimeout(), perFile), inOrder);
        }
        return Flux.defer(() -> {
            long end = now() + total.toMillis();
            String which = "what was left of the scan's deadline of " + total.toMillis() + " ms";
            return merge(Flux.from(uris).takeWhile(u -> now() < end), u -> {
                long left = end - now();
                return left < settings.fileTimeout().toMillis()
                        ? scan.scan(u, Duration.ofMillis(Math.max(left, 1)), which) : scan.scan(u, settings.fileTimeout(), perFile);
            }, inOrder);
        });
    }

    private <T> Flux<T> merge(Flux<URI> uris, java.util.function.Function<URI, Publisher<T>> scan, boolean inOrder) {
        return inOrder ? uris.flatMapSequential(scan, settings.concurrency(), 1) : uris.flatMap(scan, settings.concurrency());
    }

    /** One file's pieces ({@link #scanAllInParts}); never signals an error. */
    private Flux<ScanPart> parts(URI uri, Duration deadline, String which, int perPart) {
        if (catalog != null) {
            return scanFile(uri, null, deadline, which).flatMapMany(r -> Flux.fromIterable(ScanParts.cut(r, perPart)));
        }
        return Flux.defer(() -> {
            long start = System.nanoTime();
            URI resolved = settings.rootMap().apply(uri);
            Tracked file = tracked(resolved, deadline, which, null, Map.of());
            return ScanParts.of(uri, file.headers(), perPart,
                    error -> file.tally().result(uri, resolved, List.of(), error, start));
        });
    }

    /** The clock of the deadlines: the parallel scheduler's, so that tests can use virtual time. */
    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }

    /**
     * The object URIs that {@code uri} names after the {@link RootMap}: the object itself, or every
     * object under a prefix or matching a glob when its source can list
     * ({@code s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits}). Demand-driven: feed it to
     * {@link #scanAll} and listing pages are fetched as scanning needs them.
     */
    public Flux<URI> expand(URI uri) {
        return Flux.defer(() -> registry().expand(settings.rootMap().apply(uri), sourceOptions));
    }

    /** One file's walk, opened from the already root-mapped {@code resolved}, closed at its end, counted by its tally. */
    private record Tracked(FileTally tally, Flux<FitsHeader> headers) {
    }

    private Tracked tracked(URI resolved) {
        return tracked(resolved, null, null, null, Map.of());
    }

    /**
     * The same, failing with {@link DeadlineExceededException} once {@code deadline} (if not null) has
     * passed; {@code originals} (if not null) receives the headers before any transform; {@code plan}:
     * the walk's planned reads ({@link WalkSettings#plannedReads()}).
     */
    private Tracked tracked(URI resolved, Duration deadline, String which, List<FitsHeader> originals,
                            Map<Long, Long> plan) {
        FileTally tally = new FileTally(listeners, resolved);
        Mono<ByteRangeSource> open = Mono.fromCallable(() -> registry().get(resolved, sourceOptions)).map(tally::attach);
        Flux<FitsHeader> headers = Flux.usingWhen(open, source -> walk(source, tally.report(), originals, plan),
                ByteRangeSource::close);
        if (deadline != null) {
            headers = within(headers, deadline, () -> new DeadlineExceededException("the scan did not end within "
                    + which, resolved, deadline));
        }
        return new Tracked(tally, tally.track(headers));
    }

    /** {@code flux}, failing with {@code error} once {@code deadline} has passed since subscription. */
    private static <T> Flux<T> within(Flux<T> flux, Duration deadline, Supplier<RuntimeException> error) {
        return Flux.defer(() -> {
            Mono<Long> end = Mono.delay(deadline).cache();
            return flux.timeout(end, item -> end, Flux.defer(() -> Flux.error(error.get())));
        });
    }

    private ByteRangeSources registry() {
        return sources == null ? ByteRangeSources.installed() : sources;
    }


    /** The headers of {@code source} as the walk finds them, transformed on their way out. */
    private Flux<FitsHeader> walk(ByteRangeSource source, WalkReport report) {
        return walk(source, report, null, Map.of());
    }

    private Flux<FitsHeader> walk(ByteRangeSource source, WalkReport report, List<FitsHeader> originals,
                                  Map<Long, Long> plan) {
        Flux<FitsHeader> found = HduWalker.walk(source, new WalkSettings(settings.readAhead(), settings.maxHeaderSize(),
                plan), report).map(FitsHeader::of);
        return (originals == null ? found : found.doOnNext(originals::add)).map(settings.transform()::apply);
    }

    @Override
    public String toString() {
        return "FitsScanner[" + settings + ", " + listeners + "]";
    }
}

package org.astrocloud.fits.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import reactor.core.publisher.Mono;

/**
 * One download, described fluently and run lazily: the whole object (the default), a byte range of
 * it, or one HDU as a FITS file of its own, to a local file or to a {@link ChunkSink}. Immutable:
 * every setting returns a new download; nothing is read before the {@code Mono} is subscribed to.
 *
 * <pre>{@code
 * Downloads downloads = Downloads.create();
 * URI cube = URI.create("s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits");
 *
 * // the frame table of a TESS cube, HDU 2, as a standalone FITS file, with progress
 * DownloadResult r = downloads.get(cube).hdu(HduSelection.index(2))
 *         .onProgress(p -> System.err.printf("%d of %d%n", p.done(), p.total()))
 *         .writeTo(Path.of("table.fits"))
 *         .block();
 *
 * // the first block of the object, bytes 0 to 2879
 * downloads.get(cube).range(ByteRange.of(0, 2880)).writeTo(Path.of("block0.bin")).block();
 * }</pre>
 *
 * <p>To a file, the bytes go through an {@code AsynchronousFileChannel}, in order, the next read only
 * when the write before has completed: nothing blocks the I/O threads, and memory stays at about one
 * read (1 MiB). The source is asked for exactly the bytes written (an HDU download also reads the
 * headers on the way to its HDU). A download to a file is resumable: see {@link #writeTo(Path)}.
 *
 * <p>An HDU of a file compressed as a whole (gzip) fails with {@link CompressedHduException}: its
 * offsets lie in the decompressed stream. Whole objects and ranges are the stored bytes.
 */
public final class Download {
    private static final Consumer<DownloadProgress> SILENT = p -> { };

    private final ByteRangeSources registry;
    private final FitsScanner scanner;
    private final URI uri;
    private final OutputPlan bytes;
    private final HduSelection hdu;
    private final Consumer<DownloadProgress> progress;
    private final boolean resume;

    private Download(ByteRangeSources registry, FitsScanner scanner, URI uri, OutputPlan bytes, HduSelection hdu,
                     Consumer<DownloadProgress> progress, boolean resume) {
        this.registry = registry;
        this.scanner = scanner;
        this.uri = uri;
        this.bytes = bytes;
        this.hdu = hdu;
        this.progress = progress;
        this.resume = resume;
    }

    static Download of(ByteRangeSources registry, FitsScanner scanner, URI uri) {
        return new Download(registry, scanner, Objects.requireNonNull(uri, "uri"), OutputPlan.object(), null, SILENT, true);
    }

    /** The object this downloads, before the scanner's root map. */
    public URI uri() {
        return uri;
    }

    /** A copy that downloads the bytes of {@code range} only, all of which the object must have. */
    public Download range(ByteRange range) {
        return new Download(registry, scanner, uri, OutputPlan.range(range), null, progress, resume);
    }

    /** A copy that downloads the object from {@code offset} (which must lie inside it) to its end. */
    public Download from(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return new Download(registry, scanner, uri, offset == 0 ? OutputPlan.object() : OutputPlan.from(offset), null,
                progress, resume);
    }

    /**
     * A copy that downloads one HDU as a standalone FITS file: HDU 0 byte for byte; any other after
     * a minimal primary header ({@code SIMPLE = T}, {@code BITPIX = 8}, {@code NAXIS = 0},
     * {@code EXTEND = T}), its header and padded data byte for byte. A last data unit stored
     * without its padding is padded with zeros, so that the output is valid FITS.
     */
    public Download hdu(HduSelection selection) {
        return new Download(registry, scanner, uri, OutputPlan.object(), Objects.requireNonNull(selection, "selection"),
                progress, resume);
    }

    /** A copy that tells {@code listener} how far it is after every write (on the thread that completed it; do not block). */
    public Download onProgress(Consumer<DownloadProgress> listener) {
        return new Download(registry, scanner, uri, bytes, hdu, Objects.requireNonNull(listener, "listener"), resume);
    }

    /** A copy that, with {@code false}, never continues a part left by an earlier run (default {@code true}). */
    public Download resume(boolean enabled) {
        return new Download(registry, scanner, uri, bytes, hdu, progress, enabled);
    }

    /**
     * Downloads to {@code out}. The bytes go to {@code <out>.part}, described by {@code <out>.part.json}
     * (the redacted URI, what was asked, the object's size and validator); on success the part is
     * renamed to {@code out} atomically. When a run is cut off, running the same download again
     * continues from the part's length, after checking that the object's size and validator (for
     * local files its last-modified time) are unchanged; when they changed, it starts over
     * ({@link DownloadResult#restarted()}). Without a validator, a change that keeps the size goes
     * unnoticed.
     */
    public Mono<DownloadResult> writeTo(Path out) {
        Objects.requireNonNull(out, "out");
        URI resolved = scanner.settings().rootMap().apply(uri);
        if ("file".equalsIgnoreCase(resolved.getScheme())
                && Path.of(resolved).toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            return Mono.error(new IllegalArgumentException("the output " + out + " is the object itself"));
        }
        return withSource(source -> Planner.plan(bytes, hdu, source, scanner)
                .flatMap(p -> new Resumable(source, p.plan(), p.known(), out, progress).run(resume)));
    }

    /** Downloads into {@code sink}, chunk by chunk; not resumable. */
    public Mono<DownloadResult> writeTo(ChunkSink sink) {
        Objects.requireNonNull(sink, "sink");
        return withSource(source -> Planner.plan(bytes, hdu, source, scanner).flatMap(p -> {
            Transfer transfer = new Transfer(source, p.plan(), p.known(), progress);
            return transfer.copy(0, sink, learned -> Mono.empty())
                    .then(Mono.fromSupplier(() -> Resumable.result(null, transfer, 0, false, source.stats())));
        }));
    }

    private <T> Mono<T> withSource(Function<ByteRangeSource, Mono<T>> use) {
        return Mono.usingWhen(Mono.fromCallable(() -> registry.get(scanner.settings().rootMap().apply(uri), scanner.options())),
                use, ByteRangeSource::close);
    }

    @Override
    public String toString() {
        return "Download[" + org.astrocloud.fits.error.Redaction.redact(uri) + " "
                + (hdu == null ? bytes.request() : "hdu " + hdu) + "]";
    }
}

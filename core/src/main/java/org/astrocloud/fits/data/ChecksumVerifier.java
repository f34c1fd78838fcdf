package org.astrocloud.fits.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.internal.walk.HduWalker;
import org.astrocloud.fits.internal.walk.HeaderUnit;
import org.astrocloud.fits.internal.walk.WalkReport;
import org.astrocloud.fits.internal.walk.WalkSettings;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks the CHECKSUM and DATASUM keywords of every HDU of a FITS file, as astropy's
 * {@code fitscheck} does, reading each data unit as a stream: memory stays bounded whatever the
 * size of the file, and nothing blocks.
 *
 * <p>The HDUs are found by the same walk as the scanner's (the headers in a few range reads); then
 * each data unit, padding included, is streamed through {@link ByteRangeSource#stream(ByteRange)}
 * and summed as it arrives, before the walk goes on to the next header. A whole-file gzip object is
 * verified in one sequential pass over its decompressed stream instead. Immutable: every setting
 * returns a new verifier; nothing is read before subscription.
 *
 * <pre>{@code
 * ChecksumVerifier verifier = ChecksumVerifier.create();
 * verifier.verify(URI.create("s3://bucket/tess-s0022-1-1-cube.fits"))
 *     .subscribe(hdu -> System.out.println("HDU " + hdu.index() + ": CHECKSUM " + hdu.checksum()
 *             + ", DATASUM " + hdu.datasum()));
 *
 * // one result per file, never an error signal; stats included
 * verifier.verifyFile(uri).subscribe(f -> System.out.println(f.isIntact() + " " + f.bytesRead()));
 * }</pre>
 *
 * <p>Signals arrive on the source's I/O threads; do not block in subscribers.
 */
public final class ChecksumVerifier {
    /** The default first read of a header: 64 KiB, as the scanner's. */
    public static final int DEFAULT_READ_AHEAD = 64 * 1024;
    /** The default largest header: 8 MiB, as the scanner's. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024 * 1024;
    private static final int BLOCK = 2880;

    /** {@code null}: the providers installed on the class path. */
    private final ByteRangeSources sources;
    private final SourceOptions options;
    private final WalkSettings walk;

    private ChecksumVerifier(ByteRangeSources sources, SourceOptions options, WalkSettings walk) {
        this.sources = sources;
        this.options = options;
        this.walk = walk;
    }

    /** A verifier with the defaults and every source provider on the class path. */
    public static ChecksumVerifier create() {
        return new ChecksumVerifier(null, SourceOptions.empty(), new WalkSettings(DEFAULT_READ_AHEAD, DEFAULT_MAX_HEADER_SIZE));
    }

    /** A copy that opens sources with {@code registry} instead of the providers on the class path. */
    public ChecksumVerifier sources(ByteRangeSources registry) {
        return new ChecksumVerifier(Objects.requireNonNull(registry, "registry"), options, walk);
    }

    /** A copy that passes these options to the sources it opens (in place of those set before). */
    public ChecksumVerifier options(SourceOptions value) {
        return new ChecksumVerifier(sources, Objects.requireNonNull(value, "options"), walk);
    }

    /** A copy that passes {@code option} = {@code value} to the sources it opens. */
    public <T> ChecksumVerifier option(SourceOption<T> option, T value) {
        return new ChecksumVerifier(sources, options.with(option, value), walk);
    }

    /** A copy that reads {@code bytes} at once when a header is not yet buffered (at least 2880). */
    public ChecksumVerifier readAhead(int bytes) {
        return new ChecksumVerifier(sources, options, new WalkSettings(atLeastABlock(bytes, "read-ahead"), walk.maxHeaderSize()));
    }

    /** A copy that fails a header larger than {@code bytes} (at least 2880) with a {@code HeaderTooLargeException}. */
    public ChecksumVerifier maxHeaderSize(int bytes) {
        return new ChecksumVerifier(sources, options, new WalkSettings(walk.readAhead(), atLeastABlock(bytes, "max header size")));
    }

    private static int atLeastABlock(int bytes, String what) {
        if (bytes < BLOCK) {
            throw new IllegalArgumentException(what + " must be at least " + BLOCK + ": " + bytes);
        }
        return bytes;
    }

    /**
     * The checksums of every HDU of {@code uri}, in order; the source is opened on subscription and
     * closed at the end. Errors are {@link AstroCloudException}s, signalled after the HDUs before the fault.
     */
    public Flux<HduChecksum> verify(URI uri) {
        return Flux.usingWhen(Mono.fromCallable(() -> registry().get(uri, options)), this::verify, ByteRangeSource::close);
    }

    /** The checksums of every HDU read from {@code source}, which the caller keeps and closes. */
    public Flux<HduChecksum> verify(ByteRangeSource source) {
        return HduWalker.walk(source, walk, new WalkReport())
                .switchOnFirst((first, units) -> {
                    if (first.hasValue() && first.get().compression() != null) {
                        // the walk has found a gzip object: one pass of our own, the walk's stream cancelled
                        return units.take(0).thenMany(GzipChecksumPass.verify(source, walk.maxHeaderSize()));
                    }
                    return units.concatMap(unit -> judge(source, unit), 0);
                });
    }

    /**
     * {@link #verify(URI)} as one result: the HDUs verified, the error that stopped it if any, and
     * the source's read counts. Never signals an error.
     */
    public Mono<FileChecksums> verifyFile(URI uri) {
        return Mono.defer(() -> {
            List<HduChecksum> hdus = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<ByteRangeSource> opened = new AtomicReference<>();
            Mono<ByteRangeSource> open = Mono.fromCallable(() -> registry().get(uri, options)).doOnNext(opened::set);
            return Flux.usingWhen(open, this::verify, ByteRangeSource::close)
                    .doOnNext(hdus::add)
                    .then(Mono.fromCallable(() -> result(uri, hdus, null, opened.get())))
                    .onErrorResume(e -> Mono.just(result(uri, hdus, e, opened.get())));
        });
    }

    private static FileChecksums result(URI uri, List<HduChecksum> hdus, Throwable error, ByteRangeSource source) {
        return source == null ? new FileChecksums(uri, hdus, error, 0, 0, 0)
                : new FileChecksums(uri, hdus, error, source.stats().requests(), source.stats().bytesRead(),
                source.stats().retries());
    }

    /** Streams the data unit of {@code unit}, sums it and judges the HDU. */
    private static Mono<HduChecksum> judge(ByteRangeSource source, HeaderUnit unit) {
        if (unit.paddedDataSize() == 0) {
            return Mono.fromCallable(() -> HduSums.judge(unit, 0));
        }
        return source.stream(ByteRange.of(unit.dataOffset(), unit.paddedDataSize()))
                .reduceWith(OnesComplementSum::new, (sum, bytes) -> sum.add(bytes.bytes()))
                .defaultIfEmpty(new OnesComplementSum())
                .map(sum -> {
                    // a last data unit that lacks only its zero padding is complete: the padding adds nothing
                    if (sum.length() < unit.dataSize()) {
                        throw FormatErrors.truncatedFile("the data unit of HDU " + unit.index() + " ends at "
                                + unit.dataEnd() + " but the file ends at " + (unit.dataOffset() + sum.length()),
                                unit.uri(), unit.index(), unit.dataOffset() + sum.length());
                    }
                    return HduSums.judge(unit, sum.value());
                });
    }

    private ByteRangeSources registry() {
        return sources == null ? ByteRangeSources.installed() : sources;
    }

    @Override
    public String toString() {
        return "ChecksumVerifier[" + walk + ", " + options + "]";
    }
}

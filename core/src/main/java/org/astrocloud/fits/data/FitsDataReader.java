package org.astrocloud.fits.data;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.Coalescing;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the data a {@link DataReference} points at: the raw bytes of a data unit as a stream, or an
 * image or a section of one as typed values, each with one coalesced read plan ({@link Coalescing})
 * over the object's source. Immutable; every method is lazy and nothing blocks.
 *
 * <pre>{@code
 * FitsDataReader reader = FitsDataReader.create();
 * DataReference cube = DataReference.of(header);              // HDU 1 of a TESS cube
 * reader.section(cube, Section.parse("1000:1030,500:530,:,0"))   // 30x30 pixels, every frame, flux
 *     .subscribe(box -> System.out.println(box.shape()[2] + " frames"));
 * }</pre>
 *
 * <p>A gzip-compressed object ({@link DataReference#compression()}) cannot be entered in the middle:
 * any read of its data decompresses it from its start up to the end of what is asked, which costs a
 * download of that much of the object.
 */
public final class FitsDataReader {
    private final ByteRangeSources sources;
    private final SourceOptions options;
    private final Coalescing coalescing;

    private FitsDataReader(ByteRangeSources sources, SourceOptions options, Coalescing coalescing) {
        this.sources = sources;
        this.options = options;
        this.coalescing = coalescing;
    }

    /** A reader over the sources installed on the class path, with {@link Coalescing#defaults()}. */
    public static FitsDataReader create() {
        return new FitsDataReader(null, SourceOptions.empty(), Coalescing.defaults());
    }

    /** A copy that opens sources with {@code registry}. */
    public FitsDataReader sources(ByteRangeSources registry) {
        return new FitsDataReader(Objects.requireNonNull(registry, "registry"), options, coalescing);
    }

    /** A copy that passes {@code options} to the sources it opens. */
    public FitsDataReader options(SourceOptions options) {
        return new FitsDataReader(sources, Objects.requireNonNull(options, "options"), coalescing);
    }

    /** A copy that plans its reads with {@code coalescing}. */
    public FitsDataReader coalescing(Coalescing coalescing) {
        return new FitsDataReader(sources, options, Objects.requireNonNull(coalescing, "coalescing"));
    }

    /** The coalescing policy of this reader. */
    public Coalescing coalescing() {
        return coalescing;
    }

    /** The data unit's bytes, streamed in order with backpressure (never the whole unit in memory). */
    public Flux<RangeBytes> bytes(DataReference ref) {
        if (ref.range().isEmpty()) {
            return Flux.empty();
        }
        return ranges(ref, List.of(ref.range().get()));
    }

    /**
     * Any ranges of the referenced object (offsets from its start, of the decompressed stream for
     * gzip), read as {@link ByteRangeSource#readRanges} reads them: one answer per range in offset
     * order, several for a range longer than the longest read.
     */
    public Flux<RangeBytes> ranges(DataReference ref, Collection<ByteRange> ranges) {
        boolean gzip = ref.compression().isPresent();
        return withSource(ref.uri(), source -> gzip ? GzipRanges.read(source, ranges)
                : ranges.size() == 1 && ranges.iterator().next().length() > coalescing.maxReadLength()
                ? source.stream(ranges.iterator().next())
                : source.readRanges(ranges, coalescing));
    }

    /** The whole image. */
    public Mono<ImageData> image(DataReference ref) {
        return section(ref, Section.of());
    }

    /** A section of the image, numpy order ({@link Section}). */
    public Mono<ImageData> section(DataReference ref, Section section) {
        return Mono.defer(() -> {
            ElementType type = ref.elementType().orElseThrow(() -> new IllegalArgumentException(
                    "HDU " + ref.hdu() + " is a " + ref.kind() + ", not an image"));
            long[] shape = ref.numpyShape();
            Section.Resolved resolved = section.resolve(shape);
            long bytes = Math.multiplyExact(resolved.elements(), type.size());
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the selection is " + bytes + " bytes, more than one array holds;"
                        + " read it in sections, or stream it with bytes()");
            }
            List<ByteRange> runs = SectionRuns.of(ref.offset(), shape, type.size(), resolved);
            ByteBuffer out = ByteBuffer.allocate((int) bytes);
            return ranges(ref, runs)
                    .doOnNext(answer -> {
                        if (answer.length() == 0 && answer.offset() < ref.offset() + ref.size()) {
                            throw truncated(ref, answer.offset());
                        }
                        out.put(answer.bytes());
                    })
                    .then(Mono.fromCallable(() -> {
                        if (out.hasRemaining()) {
                            throw truncated(ref, ref.offset() + ref.size());
                        }
                        return new ImageData(resolved.shape(), type, out.flip(), ref.bzero(), ref.bscale(),
                                ref.blank().isPresent() ? ref.blank().getAsLong() : null);
                    }));
        });
    }

    /**
     * Rows and columns of a binary or ASCII table ({@link TableQuery}), as typed values
     * ({@link TableData}), variable-length arrays included: one coalesced read plan for the selected
     * columns of the selected rows (whole rows when every column is selected; per-row cells that the
     * planner merges when they are close), then one for the heap ranges that the variable-length
     * columns point at.
     *
     * <pre>{@code
     * reader.table(ref, TableQuery.all().rows(0, 100).columns("TSTART", "TSTOP"))
     *     .subscribe(t -> System.out.println(t.physical("TSTART")[0]));
     * }</pre>
     *
     * <p>Fails with a {@code TruncatedFileException} when the object ends before the bytes needed,
     * and with an {@code IllegalArgumentException} for a selection that is not in the table and for a
     * variable-length descriptor that points outside the heap.
     */
    public Mono<TableData> table(DataReference ref, TableQuery query) {
        return TableReader.read(this, Objects.requireNonNull(ref, "ref"), Objects.requireNonNull(query, "query"));
    }

    /** The error for an object that ends at {@code at}, before the end of {@code ref}'s data unit. */
    static RuntimeException truncated(DataReference ref, long at) {
        return FormatErrors.truncatedFile("the object ends before the end of the data unit at "
                + (ref.offset() + ref.size()), ref.uri(), ref.hdu(), at);
    }

    private <T> Flux<T> withSource(URI uri, java.util.function.Function<ByteRangeSource, Flux<T>> work) {
        return Flux.usingWhen(Mono.fromCallable(() -> registry().get(uri, options)), work, ByteRangeSource::close);
    }

    private ByteRangeSources registry() {
        return sources == null ? ByteRangeSources.installed() : sources;
    }
}

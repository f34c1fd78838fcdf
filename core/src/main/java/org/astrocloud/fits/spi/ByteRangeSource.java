package org.astrocloud.fits.spi;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads ranges of bytes from one object (a file, an S3 object, an HTTP resource).
 *
 * <p>This is the seam between the FITS walk and storage. Implementations are found per URI
 * scheme by {@link ByteRangeSources} through {@link ByteRangeSourceProvider}s.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #read} is lazy: nothing is sent before subscription. It emits one
 *       {@link RangeBytes} holding exactly the requested bytes, fewer when the range runs past the
 *       end of the object, and none when the range starts at or past the end (that is not an
 *       error: the walk uses it to find the end). Cancelling the subscription cancels the transfer.</li>
 *   <li>Failures are {@link org.astrocloud.fits.error.AstroCloudException}s: transient ones (time-outs,
 *       throttling, resets) are retried by the source itself before they reach the caller.</li>
 *   <li>Signals may arrive on any thread, often an I/O thread: callers must not block on them.</li>
 *   <li>{@link #stats()} counts what was actually read.</li>
 * </ul>
 */
public interface ByteRangeSource {

    /** The object this source reads. */
    URI uri();

    /**
     * Reads {@code range}.
     *
     * @return a lazy {@code Mono} of the bytes read; see the class documentation for the contract
     */
    Mono<RangeBytes> read(ByteRange range);

    /**
     * Streams the object from {@code offset} to its end in chunks of at most {@code chunkSize}
     * bytes, reading the next chunk only when there is demand for it.
     *
     * <p>The default implementation issues one {@link #read} per chunk; sources that can stream a
     * single response body should override it.
     */
    default Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return inChunks(this, offset, chunkSize);
    }

    /**
     * {@code source} from {@code offset} to its end, one {@link #read} per chunk of at most
     * {@code chunkSize} bytes, the next read only when there is demand: what {@link #stream} does
     * unless a source overrides it.
     */
    static Flux<ByteBuffer> inChunks(ByteRangeSource source, long offset, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1: " + chunkSize);
        }
        return Flux.<Long, Long>generate(() -> offset, (next, sink) -> {
                    sink.next(next);
                    return next + chunkSize;
                })
                .concatMap(next -> source.read(ByteRange.of(next, chunkSize)), 0)
                .takeUntil(bytes -> bytes.length() < chunkSize)
                .map(RangeBytes::bytes)
                .filter(ByteBuffer::hasRemaining);
    }

    /**
     * Streams exactly the bytes of {@code range} (fewer when the object ends inside it, none when
     * it starts at or after the end), as answers of consecutive offsets, each carrying the object's
     * size and validator when known. Backpressured: a source moves bytes only as there is demand,
     * so memory stays bounded whatever the length; cancelling stops the transfer.
     *
     * <p>The default implementation issues one {@link #read} per {@link #STREAM_CHUNK} bytes, the
     * next only when there is demand; sources that can stream a single response body override it.
     * When the registry's retries apply, a stream that fails part way resumes after the last byte
     * it delivered.
     */
    default Flux<RangeBytes> stream(ByteRange range) {
        return inChunks(this, range, STREAM_CHUNK);
    }

    /** The read size of the default {@link #stream(ByteRange)}: 1 MiB. */
    int STREAM_CHUNK = 1 << 20;

    /**
     * {@code range} of {@code source}, one {@link #read} per chunk of at most {@code chunkSize}
     * bytes, the next read only when there is demand: what {@link #stream(ByteRange)} does unless a
     * source overrides it.
     */
    static Flux<RangeBytes> inChunks(ByteRangeSource source, ByteRange range, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1: " + chunkSize);
        }
        return Flux.<Long, Long>generate(range::offset, (next, sink) -> {
                    if (next >= range.end()) {
                        sink.complete();
                    } else {
                        sink.next(next);
                    }
                    return next + chunkSize;
                })
                .concatMap(next -> source.read(ByteRange.of(next, Math.min(chunkSize, range.end() - next))), 0)
                .takeUntil(bytes -> bytes.offset() + bytes.length() < Math.min(bytes.offset() + chunkSize, range.end()))
                .filter(bytes -> bytes.length() > 0);
    }

    /**
     * Reads many ranges of this object in few requests: {@link RangePlan} merges neighbours under
     * {@code coalescing}, at most {@link Coalescing#maxInFlight()} reads run at once, and the
     * answers are cut back into the wanted ranges. Emits one answer per wanted range (several,
     * consecutive, for a range longer than {@link Coalescing#maxReadLength()}), in offset order, as
     * soon as the reads before it are in; an answer is shorter or empty where the object ends.
     * Overlapping wanted ranges share bytes.
     *
     * <pre>{@code
     * source.readRanges(List.of(ByteRange.of(5760, 9984), ByteRange.of(21_360_000, 9984)), Coalescing.defaults())
     *     .subscribe(bytes -> System.out.println(bytes.offset() + ": " + bytes.length()));
     * }</pre>
     *
     * <p>The default implementation goes through {@link #read}; a wrapping source (retries,
     * deadlines, timing) therefore applies to every read of the plan.
     */
    default Flux<RangeBytes> readRanges(Collection<ByteRange> ranges, Coalescing coalescing) {
        return coalesced(this, ranges, coalescing);
    }

    /** What {@link #readRanges} does unless a source overrides it. */
    static Flux<RangeBytes> coalesced(ByteRangeSource source, Collection<ByteRange> ranges, Coalescing coalescing) {
        return Flux.defer(() -> Flux.fromIterable(RangePlan.of(ranges, coalescing).reads()))
                .flatMapSequential(read -> source.read(read.range())
                        .defaultIfEmpty(RangeBytes.ofUnknownSize(read.range().offset(), ByteBuffer.allocate(0)))
                        .flatMapIterable(read::slice), coalescing.maxInFlight(), 1);
    }

    /**
     * Whether the object is still the version {@code known} describes, at the least cost the source
     * can manage. HTTP asks with {@code If-None-Match} / {@code If-Modified-Since} (a 304 moves no body
     * byte); the default reads one byte and compares the answer's ETag with {@code known}'s (without
     * ETags it cannot tell and says changed, so the object is walked again). Emits the object as the source sees it now and whether it is unchanged.
     */
    default Mono<Revalidation> revalidate(ObjectInfo known) {
        return read(ByteRange.of(0, 1)).map(answer -> {
            ObjectInfo now = ObjectInfo.of(uri()).withSize(answer.objectSize().orElse(-1))
                    .withValidator(answer.validator().orElse(null));
            // only equal ETags prove it: an object replaced by one of the same size is not unchanged
            boolean unchanged = now.validator() != null && now.validator().equals(known.validator())
                    && (now.size() < 0 || known.size() < 0 || now.size() == known.size());
            return new Revalidation(unchanged, now);
        });
    }

    /**
     * This source with every read pinned to the object version {@code validator} names: sources that
     * can send {@code If-Match} (HTTP, S3) do, and fail a read of another version with
     * {@link org.astrocloud.fits.error.ObjectChangedException}; the default returns this source
     * unchanged (the walk still notices an ETag that changes). The walk pins its reads after its
     * first answer, so that one walk never mixes two versions of an object.
     */
    default ByteRangeSource pinned(String validator) {
        return this;
    }

    /** What this source has read so far. */
    ReadStats stats();

    /** Releases what this source holds (an open file, a pooled connection). Idempotent. */
    Mono<Void> close();
}

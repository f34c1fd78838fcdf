package org.astrocloud.fits.spi;

import java.net.URI;
import java.nio.ByteBuffer;
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

    /** What this source has read so far. */
    ReadStats stats();

    /** Releases what this source holds (an open file, a pooled connection). Idempotent. */
    Mono<Void> close();
}

package org.astrocloud.fits.source;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.support.RangeSlices;
import reactor.core.publisher.Mono;

/**
 * A source over bytes held in memory: for tests, for bytes a caller already has, and for small
 * objects fetched whole. Reads copy the requested range and complete on the subscribing thread.
 *
 * <pre>{@code
 * ByteRangeSource source = MemoryByteRangeSource.of(URI.create("mem:/example.fits"), bytes);
 * Flux<FitsHeader> headers = FitsScanner.create().scan(source);
 * }</pre>
 */
public final class MemoryByteRangeSource implements ByteRangeSource {
    private final URI uri;
    private final ByteBuffer content;
    private final ReadStats stats = new ReadStats();

    private MemoryByteRangeSource(URI uri, ByteBuffer content) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.content = content.asReadOnlyBuffer();
    }

    /** A source over a copy-free view of {@code bytes}; the array must not change afterwards. */
    public static MemoryByteRangeSource of(URI uri, byte[] bytes) {
        return new MemoryByteRangeSource(uri, ByteBuffer.wrap(bytes));
    }

    /** A source over the remaining bytes of {@code bytes}; the buffer must not change afterwards. */
    public static MemoryByteRangeSource of(URI uri, ByteBuffer bytes) {
        return new MemoryByteRangeSource(uri, bytes.slice());
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return Mono.fromSupplier(() -> {
            RangeBytes r = RangeSlices.slice(content, range);
            stats.recordRequest(r.length());
            return r;
        });
    }

    @Override
    public ReadStats stats() {
        return stats;
    }

    @Override
    public Mono<Void> close() {
        return Mono.empty();
    }

    @Override
    public String toString() {
        return "MemoryByteRangeSource[" + uri + ", " + content.capacity() + " bytes]";
    }
}

package org.astrocloud.fits.spi;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A source that hands every call to another one: extend it and override what you want to observe
 * or change (timing, retries, faults in tests), as core's own wrappers do.
 *
 * <pre>{@code
 * ByteRangeSource logged = new ForwardingByteRangeSource(source) {
 *     public Mono<RangeBytes> read(ByteRange range) {
 *         return super.read(range).doOnNext(r -> log.debug("read {}", r));
 *     }
 * };
 * }</pre>
 */
public class ForwardingByteRangeSource implements ByteRangeSource {
    private final ByteRangeSource delegate;

    /** A source forwarding to {@code delegate}. */
    public ForwardingByteRangeSource(ByteRangeSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The source calls are handed to. */
    protected final ByteRangeSource delegate() {
        return delegate;
    }

    @Override
    public URI uri() {
        return delegate.uri();
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return delegate.read(range);
    }

    @Override
    public Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return delegate.stream(offset, chunkSize);
    }

    @Override
    public Flux<RangeBytes> stream(ByteRange range) {
        return delegate.stream(range);
    }

    @Override
    public Mono<Revalidation> revalidate(ObjectInfo known) {
        return delegate.revalidate(known);
    }

    /**
     * The delegate pinned; a subclass that adds to reads must override this to wrap the pinned
     * delegate again (otherwise what it adds is lost on pinned reads).
     */
    @Override
    public ByteRangeSource pinned(String validator) {
        return delegate.pinned(validator);
    }

    // readRanges is deliberately not forwarded: its default goes through this source's read, so
    // that what a subclass adds to read (retries, deadlines, timing) applies to every read of a plan.

    @Override
    public ReadStats stats() {
        return delegate.stats();
    }

    @Override
    public Mono<Void> close() {
        return delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}

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
     * This source over the pinned delegate, made by {@link #over}; a subclass that does not say how
     * to make itself over another delegate is not pinned (what it adds to reads is never bypassed;
     * the walk still notices an ETag that changes).
     */
    @Override
    public final ByteRangeSource pinned(String validator) {
        ByteRangeSource pinned = delegate.pinned(validator);
        if (pinned == delegate) {
            return this;
        }
        ByteRangeSource again = over(pinned);
        return again != null ? again : this;
    }

    /**
     * The same source over {@code other} (a pinned view of the delegate), or null when this source
     * cannot be made again; the default. Decorators that should pin (retries, counting, timing) say
     * how to make themselves.
     */
    protected ByteRangeSource over(ByteRangeSource other) {
        return null;
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

package org.astrocloud.fits.spi;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A source whose reads are retried by the one {@link RetryPolicy}: the registry wraps every source
 * it opens in one, so that providers only classify their failures as transient or permanent and
 * never wire retries themselves. Streams to the end go chunk by chunk through the retried {@link #read};
 * streams of a range resume where a failure cut them.
 */
final class RetryingSource extends ForwardingByteRangeSource {
    private final RetryPolicy policy;

    RetryingSource(ByteRangeSource delegate, RetryPolicy policy) {
        super(delegate);
        this.policy = policy;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return delegate().read(range).retryWhen(policy.retry(delegate().stats()));
    }

    @Override
    public Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return ByteRangeSource.inChunks(this, offset, chunkSize);
    }

    @Override
    public Mono<Revalidation> revalidate(ObjectInfo known) {
        return delegate().revalidate(known).retryWhen(policy.retry(delegate().stats()));
    }

    /** Pinned reads stay retried. */

    @Override

    protected ByteRangeSource over(ByteRangeSource other) {

        return new RetryingSource(other, policy);

    }

    /** The delegate's stream; after a transient failure, resumed after the last byte delivered. */
    @Override
    public Flux<RangeBytes> stream(ByteRange range) {
        return Flux.defer(() -> {
            long[] next = {range.offset()};
            return Flux.defer(() -> next[0] >= range.end() ? Flux.<RangeBytes>empty()
                            : delegate().stream(ByteRange.of(next[0], range.end() - next[0])))
                    .doOnNext(bytes -> next[0] = bytes.offset() + bytes.length())
                    .retryWhen(policy.retry(delegate().stats()));
        });
    }
}

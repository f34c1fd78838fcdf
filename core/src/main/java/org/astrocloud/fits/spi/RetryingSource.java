package org.astrocloud.fits.spi;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A source whose reads are retried by the one {@link RetryPolicy}: the registry wraps every source
 * it opens in one, so that providers only classify their failures as transient or permanent and
 * never wire retries themselves. Streams go chunk by chunk through the retried {@link #read}.
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
}

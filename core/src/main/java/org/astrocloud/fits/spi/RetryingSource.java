package org.astrocloud.fits.spi;

import java.net.URI;
import reactor.core.publisher.Mono;

/**
 * A source whose reads are retried by the one {@link RetryPolicy}: the registry wraps every source
 * it opens in one, so that providers only classify their failures as transient or permanent and
 * never wire retries themselves. Streams are the interface's default, chunk by chunk through the
 * retried {@link #read}.
 */
final class RetryingSource implements ByteRangeSource {
    private final ByteRangeSource delegate;
    private final RetryPolicy policy;

    RetryingSource(ByteRangeSource delegate, RetryPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public URI uri() {
        return delegate.uri();
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return delegate.read(range).retryWhen(policy.retry(delegate.stats()));
    }

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

package org.astrocloud.fits.testkit;

import java.net.URI;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Mono;

/** A source that hands every call to another one; tests override what they want to observe or change. */
public class ForwardingSource implements ByteRangeSource {
    private final ByteRangeSource delegate;

    public ForwardingSource(ByteRangeSource delegate) {
        this.delegate = delegate;
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
    public ReadStats stats() {
        return delegate.stats();
    }

    @Override
    public Mono<Void> close() {
        return delegate.close();
    }
}

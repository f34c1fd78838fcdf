package org.astrocloud.fits.testkit;

import java.util.List;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Delivers every read and close on a non-blocking (parallel) thread, as a Netty-based source
 * would: with BlockHound installed, whatever the walk does after a read runs where blocking fails.
 */
public final class ParallelSource extends ForwardingSource {

    /** Forwards to {@code delegate}, answering on a parallel thread. */
    public ParallelSource(ByteRangeSource delegate) {
        super(delegate);
    }

    /** Sources for {@code file:} URIs: the installed file source, answering on parallel threads. */
    public static ByteRangeSources files() {
        return ByteRangeSources.of(List.of(new TestProvider("file",
                uri -> new ParallelSource(ByteRangeSources.installed().get(uri, SourceOptions.empty())))));
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return super.read(range).publishOn(Schedulers.parallel());
    }

    @Override
    public Mono<Void> close() {
        return super.close().publishOn(Schedulers.parallel());
    }
}

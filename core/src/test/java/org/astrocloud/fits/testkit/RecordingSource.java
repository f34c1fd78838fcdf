package org.astrocloud.fits.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Mono;

/**
 * Wraps a source and records every range it is asked for (at subscription, when the read
 * starts), every cancelled read and every close, so tests can assert exact request counts.
 */
public final class RecordingSource extends ForwardingSource {
    private final List<ByteRange> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    public RecordingSource(ByteRangeSource delegate) {
        super(delegate);
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return Mono.defer(() -> {
            ranges.add(range);
            return super.read(range);
        }).doOnCancel(cancelled::incrementAndGet);
    }

    /** The ranges read so far, in order. */
    public List<ByteRange> ranges() {
        return List.copyOf(ranges);
    }

    /** The sum of the requested lengths. */
    public long requestedBytes() {
        return ranges.stream().mapToLong(ByteRange::length).sum();
    }

    /** Reads cancelled while in flight. */
    public int cancelledReads() {
        return cancelled.get();
    }

    /** How often {@link #close()} was called. */
    public int closes() {
        return closed.get();
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closed.incrementAndGet();
            return super.close();
        });
    }
}

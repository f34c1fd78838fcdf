package org.astrocloud.fits;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ForwardingByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A source whose reads are timed for the {@link ScanListener}s: each subscription to {@link #read} (and to
 * {@link #stream}, timed as one read) from subscription to its end, recorded once with outcome
 * {@code ok}, the error's simple class name, or {@code cancelled}. Recording happens on the thread
 * that ends the read. Everything else is the delegate's.
 */
final class TimedSource extends ForwardingByteRangeSource {
    private final ScanListener listener;
    private final String scheme;

    TimedSource(ByteRangeSource delegate, ScanListener listener, String scheme) {
        super(delegate);
        this.listener = listener;
        this.scheme = scheme;
    }

    /** One subscription's timing, ended once by whichever terminal signal comes first. */
    private final class Timing {
        private final long start = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();

        void end(String outcome) {
            if (ended.compareAndSet(false, true)) {
                listener.readEnded(scheme, outcome, java.time.Duration.ofNanos(System.nanoTime() - start));
            }
        }

        void fail(Throwable error) {
            end(FileFigures.outcome(error));
        }

        void cancel() {
            end(FileFigures.CANCELLED);
        }
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        Mono<RangeBytes> read = delegate().read(range);
        return Mono.defer(() -> {
            Timing timing = new Timing();
            return read.doOnSuccess(bytes -> timing.end(FileFigures.OK))
                    .doOnError(timing::fail)
                    .doOnCancel(timing::cancel);
        });
    }

    @Override
    public Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return timed(delegate().stream(offset, chunkSize));
    }

    @Override
    public Flux<RangeBytes> stream(ByteRange range) {
        return timed(delegate().stream(range));
    }

    /** A stream timed as one read, from subscription to its end. */
    private <T> Flux<T> timed(Flux<T> body) {
        return Flux.defer(() -> {
            Timing timing = new Timing();
            return body.doOnComplete(() -> timing.end(FileFigures.OK))
                    .doOnError(timing::fail)
                    .doOnCancel(timing::cancel);
        });
    }

    /** Pinned reads stay timed. */

    @Override

    protected ByteRangeSource over(ByteRangeSource other) {

        return new TimedSource(other, listener, scheme);

    }

    @Override
    public String toString() {
        return "Timed" + delegate();
    }
}

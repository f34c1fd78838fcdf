package org.astrocloud.fits.internal.gzip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Gzip decoding kept off the I/O threads: a compressed stream's chunks move to
 * {@link Schedulers#parallel()} and are decoded there in slices of at most {@link #SLICE} compressed
 * bytes, so no event loop inflates (a 256 KiB chunk of deflated zeros is about 260 MiB of output)
 * and each step's work is bounded (a slice inflates to at most about 16 MiB). The one loop shared by
 * the gzip walk, the gzip checksum pass and the gzip range reads.
 */
public final class OffLoopDecoding {
    /** The compressed bytes decoded in one step: 16 KiB, at most about 16 MiB inflated (deflate's ratio is at most 1032:1). */
    public static final int SLICE = 16 * 1024;

    private OffLoopDecoding() {
    }

    /**
     * The items {@code step} makes of each slice of {@code compressed} (it decodes the slice with
     * {@code decoder}), then those of {@code end}; the decoder is released however the stream ends.
     */
    public static <T> Flux<T> decoded(Flux<ByteBuffer> compressed, GzipDecoder decoder,
                                      Function<ByteBuffer, ? extends Iterable<T>> step, Supplier<? extends Iterable<T>> end) {
        return compressed
                .publishOn(Schedulers.parallel(), 2)
                .concatMapIterable(OffLoopDecoding::slices, 1)
                .concatMapIterable(step, 1)
                .concatWith(Flux.defer(() -> Flux.fromIterable(end.get())))
                .doFinally(signal -> decoder.release());
    }

    /** {@code chunk} as views of at most {@link #SLICE} bytes each, in order. */
    static List<ByteBuffer> slices(ByteBuffer chunk) {
        List<ByteBuffer> slices = new ArrayList<>(chunk.remaining() / SLICE + 1);
        for (int at = chunk.position(); at < chunk.limit(); at += SLICE) {
            slices.add(chunk.duplicate().limit(Math.min(chunk.limit(), at + SLICE)).position(at));
        }
        return slices;
    }
}

package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.astrocloud.fits.internal.gzip.GzipDecoder;
import org.astrocloud.fits.internal.gzip.OffLoopDecoding;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Flux;

/**
 * Ranges of a gzip object's decompressed stream. Gzip cannot be entered in the middle: the object
 * is streamed and decompressed from its start up to the end of the last wanted range, then the
 * transfer is cancelled. Emits the ranges in offset order, as {@link ByteRangeSource#readRanges}.
 */
final class GzipRanges {
    private static final int CHUNK = 256 * 1024;

    private final List<ByteRange> wanted;
    private final ByteBuffer[] filled;
    private int next;
    private long position;

    private GzipRanges(Collection<ByteRange> ranges) {
        this.wanted = new ArrayList<>(ranges);
        this.wanted.sort(Comparator.comparingLong(ByteRange::offset).thenComparingLong(ByteRange::length));
        this.filled = new ByteBuffer[wanted.size()];
    }

    static Flux<RangeBytes> read(ByteRangeSource source, Collection<ByteRange> ranges) {
        return Flux.defer(() -> {
            GzipRanges cut = new GzipRanges(ranges);
            if (cut.wanted.isEmpty()) {
                return Flux.empty();
            }
            GzipDecoder decoder = new GzipDecoder(source.uri());
            int[] emitted = {0};
            return OffLoopDecoding.decoded(source.stream(0, CHUNK), decoder, slice -> {
                        List<RangeBytes> done = new ArrayList<>();
                        decoder.decode(slice, run -> cut.accept(run, done));
                        return done;
                    }, cut::rest)
                    .takeUntil(bytes -> ++emitted[0] == cut.wanted.size());   // then the transfer is cancelled
        });
    }

    /** Copies what of {@code run} (the decompressed bytes at {@code position}) the wanted ranges hold. */
    private void accept(ByteBuffer run, List<RangeBytes> done) {
        long start = position;
        long end = start + run.remaining();
        for (int i = next; i < wanted.size() && wanted.get(i).offset() < end; i++) {
            ByteRange w = wanted.get(i);
            if (w.end() <= start) {
                continue;
            }
            if (filled[i] == null) {
                filled[i] = ByteBuffer.allocate(Math.toIntExact(w.length()));
            }
            long from = Math.max(start, w.offset() + filled[i].position());
            long to = Math.min(end, w.end());
            if (to > from) {
                ByteBuffer part = run.duplicate();
                part.position(run.position() + (int) (from - start)).limit(run.position() + (int) (to - start));
                filled[i].put(part);
            }
        }
        position = end;
        while (next < wanted.size() && wanted.get(next).end() <= position) {
            done.add(RangeBytes.ofUnknownSize(wanted.get(next).offset(), filled[next].flip()));
            filled[next] = null;
            next++;
        }
    }

    /** The stream ended: the ranges still open, short or empty. */
    private List<RangeBytes> rest() {
        List<RangeBytes> out = new ArrayList<>();
        for (; next < wanted.size(); next++) {
            ByteBuffer b = filled[next] == null ? ByteBuffer.allocate(0) : filled[next].flip();
            out.add(RangeBytes.ofUnknownSize(wanted.get(next).offset(), b));
        }
        return out;
    }
}

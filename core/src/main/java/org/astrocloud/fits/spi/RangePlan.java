package org.astrocloud.fits.spi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The reads that fetch a set of wanted ranges of one object under a {@link Coalescing} policy:
 * the wanted ranges sorted by offset, neighbours whose gap is at most {@code maxGap} merged, every
 * read at most {@code maxReadLength} long. The one place where ranges are coalesced.
 *
 * <pre>{@code
 * RangePlan plan = RangePlan.of(List.of(ByteRange.of(0, 100), ByteRange.of(150, 100)), Coalescing.defaults());
 * plan.reads();          // one read, [0, 250), serving both ranges
 * plan.readBytes();      // 250
 * }</pre>
 */
public final class RangePlan {
    private final List<Read> reads;

    private RangePlan(List<Read> reads) {
        this.reads = List.copyOf(reads);
    }

    /**
     * One read and the wanted pieces it serves, in offset order; a piece is a wanted range or,
     * for a wanted range longer than the longest read, the part of it inside this read.
     *
     * @param range what is read
     * @param pieces what is handed back from it, each inside {@code range}
     */
    public record Read(ByteRange range, List<ByteRange> pieces) {
        /** Copies the pieces. */
        public Read {
            Objects.requireNonNull(range, "range");
            pieces = List.copyOf(pieces);
        }

        /**
         * The pieces cut from what the read returned: slices sharing {@code answer}'s bytes, shorter
         * or empty where the object ended before the piece did.
         */
        public List<RangeBytes> slice(RangeBytes answer) {
            List<RangeBytes> out = new ArrayList<>(pieces.size());
            ByteBuffer bytes = answer.bytes();
            int available = bytes.remaining();
            for (ByteRange piece : pieces) {
                int start = (int) Math.min(piece.offset() - range.offset(), available);
                int end = (int) Math.min(piece.end() - range.offset(), available);
                ByteBuffer view = bytes.duplicate();
                view.limit(bytes.position() + end).position(bytes.position() + start);
                OptionalLong size = answer.objectSize();
                RangeBytes part = size.isPresent() ? RangeBytes.of(piece.offset(), view.slice(), size.getAsLong())
                        : RangeBytes.ofUnknownSize(piece.offset(), view.slice());
                out.add(answer.validator().map(part::withValidator).orElse(part));
            }
            return out;
        }
    }

    /** The plan for {@code wanted} (any order, overlaps allowed) under {@code coalescing}. */
    public static RangePlan of(Collection<ByteRange> wanted, Coalescing coalescing) {
        List<ByteRange> sorted = new ArrayList<>(wanted);
        sorted.sort(Comparator.comparingLong(ByteRange::offset).thenComparingLong(ByteRange::length));
        List<Read> reads = new ArrayList<>();
        long start = -1;
        long end = -1;
        List<ByteRange> pieces = new ArrayList<>();
        for (ByteRange want : sorted) {
            for (ByteRange piece : split(want, coalescing.maxReadLength())) {
                boolean joins = start >= 0 && piece.offset() - end <= coalescing.maxGap()
                        && Math.max(end, piece.end()) - start <= coalescing.maxReadLength();
                if (!joins) {
                    if (start >= 0) {
                        reads.add(new Read(ByteRange.of(start, end - start), pieces));
                    }
                    start = piece.offset();
                    end = piece.end();
                    pieces = new ArrayList<>();
                }
                end = Math.max(end, piece.end());
                pieces.add(piece);
            }
        }
        if (start >= 0) {
            reads.add(new Read(ByteRange.of(start, end - start), pieces));
        }
        return new RangePlan(reads);
    }

    private static List<ByteRange> split(ByteRange want, long max) {
        if (want.length() <= max) {
            return List.of(want);
        }
        List<ByteRange> parts = new ArrayList<>();
        for (long at = want.offset(); at < want.end(); at += max) {
            parts.add(ByteRange.of(at, Math.min(max, want.end() - at)));
        }
        return parts;
    }

    /** The reads, in offset order. */
    public List<Read> reads() {
        return reads;
    }

    /** How many bytes the reads transfer, gaps and overlaps included. */
    public long readBytes() {
        long total = 0;
        for (Read read : reads) {
            total += read.range().length();
        }
        return total;
    }

    @Override
    public String toString() {
        return "RangePlan[" + reads.size() + " reads, " + readBytes() + " bytes]";
    }
}

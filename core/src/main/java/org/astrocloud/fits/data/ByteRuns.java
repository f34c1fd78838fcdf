package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.astrocloud.fits.spi.ByteRange;
import reactor.core.publisher.Mono;

/**
 * Disjoint runs of an object's bytes, read into one buffer (the runs one after another): the
 * wanted ranges of a table read, sorted, with ranges that touch or overlap joined. Handing the runs
 * to {@link FitsDataReader#ranges} lets the range planner merge close ones into few reads; a
 * wanted byte is then found in the buffer by its offset in the object.
 */
final class ByteRuns {
    private final long[] starts;
    private final long[] ends;
    private final int[] positions;
    private final ByteBuffer bytes;

    private ByteRuns(long[] starts, long[] ends, int[] positions, ByteBuffer bytes) {
        this.starts = starts;
        this.ends = ends;
        this.positions = positions;
        this.bytes = bytes;
    }

    /** {@code wanted} (any order, overlaps allowed) sorted and joined where ranges touch or overlap. */
    static List<ByteRange> join(Collection<ByteRange> wanted) {
        List<ByteRange> sorted = new ArrayList<>(wanted);
        sorted.sort(Comparator.comparingLong(ByteRange::offset));
        List<ByteRange> runs = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (ByteRange r : sorted) {
            if (r.length() == 0) {
                continue;
            }
            if (start >= 0 && r.offset() <= end) {
                end = Math.max(end, r.end());
                continue;
            }
            if (start >= 0) {
                runs.add(ByteRange.of(start, end - start));
            }
            start = r.offset();
            end = r.end();
        }
        if (start >= 0) {
            runs.add(ByteRange.of(start, end - start));
        }
        return runs;
    }

    /**
     * Reads {@code runs} (disjoint, in offset order, as {@link #join} gives them) of {@code ref}'s
     * object; fails with a {@code TruncatedFileException} when the object ends before a run does.
     */
    static Mono<ByteRuns> read(FitsDataReader reader, DataReference ref, List<ByteRange> runs) {
        return Mono.defer(() -> {
            long total = 0;
            long[] starts = new long[runs.size()];
            long[] ends = new long[runs.size()];
            int[] positions = new int[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                starts[i] = runs.get(i).offset();
                ends[i] = runs.get(i).end();
                positions[i] = (int) total;
                total += runs.get(i).length();
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("the selection is more than " + (Integer.MAX_VALUE - 8)
                            + " bytes, more than one array holds; select fewer rows or columns");
                }
            }
            ByteBuffer out = ByteBuffer.allocate((int) total);
            if (runs.isEmpty()) {
                return Mono.just(new ByteRuns(starts, ends, positions, out));
            }
            return reader.ranges(ref, runs)
                    .doOnNext(answer -> {
                        if (answer.length() == 0) {
                            throw FitsDataReader.truncated(ref, answer.offset());
                        }
                        out.put(answer.bytes());
                    })
                    .then(Mono.fromCallable(() -> {
                        if (out.hasRemaining()) {
                            throw FitsDataReader.truncated(ref, ends[ends.length - 1]);
                        }
                        return new ByteRuns(starts, ends, positions, out.flip());
                    }));
        });
    }

    /** The {@code length} bytes at {@code offset} of the object, which lie in one run, as a buffer of their own. */
    ByteBuffer slice(long offset, int length) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {   // the last run starting at or before offset
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (starts.length == 0 || offset < starts[lo] || offset + length > ends[lo]) {
            throw new IllegalStateException("bytes [" + offset + ", " + (offset + length) + ") were not read");
        }
        return bytes.slice(positions[lo] + (int) (offset - starts[lo]), length);
    }
}

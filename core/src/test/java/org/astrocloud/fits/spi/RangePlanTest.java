package org.astrocloud.fits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The planner's merges and splits, worked out by hand, and the slices cut back from the reads. */
class RangePlanTest {

    private static ByteRange r(long offset, long length) {
        return ByteRange.of(offset, length);
    }

    @Test
    void neighboursWithinTheGapAreReadOnceAndFarOnesApart() {
        // gaps: 150-100 = 50 (<= 64, merged), 1000-250 = 750 (> 64, apart)
        RangePlan plan = RangePlan.of(List.of(r(1000, 10), r(150, 100), r(0, 100)), new Coalescing(64, 1 << 20, 4));
        assertEquals(List.of(new RangePlan.Read(r(0, 250), List.of(r(0, 100), r(150, 100))),
                new RangePlan.Read(r(1000, 10), List.of(r(1000, 10)))), plan.reads());
        assertEquals(260, plan.readBytes());
    }

    @Test
    void aGapOfExactlyMaxGapIsReadAndOneMoreIsNot() {
        assertEquals(1, RangePlan.of(List.of(r(0, 10), r(74, 10)), new Coalescing(64, 1000, 1)).reads().size());
        assertEquals(2, RangePlan.of(List.of(r(0, 10), r(75, 10)), new Coalescing(64, 1000, 1)).reads().size());
    }

    @Test
    void overlapsAndDuplicatesAreReadOnce() {
        RangePlan plan = RangePlan.of(List.of(r(10, 20), r(0, 15), r(10, 20)), new Coalescing(0, 1000, 1));
        assertEquals(List.of(new RangePlan.Read(r(0, 30), List.of(r(0, 15), r(10, 20), r(10, 20)))), plan.reads());
    }

    @Test
    void noReadIsLongerThanTheCapAndLongRangesAreSplit() {
        // 250 bytes with a 100-byte cap: pieces [0,100) [100,200) [200,250); the next range at 260 joins the last
        RangePlan plan = RangePlan.of(List.of(r(0, 250), r(260, 20)), new Coalescing(64, 100, 1));
        assertEquals(List.of(new RangePlan.Read(r(0, 100), List.of(r(0, 100))),
                new RangePlan.Read(r(100, 100), List.of(r(100, 100))),
                new RangePlan.Read(r(200, 80), List.of(r(200, 50), r(260, 20)))), plan.reads());
    }

    @Test
    void tessCutoutRowsStayApart() {
        // a 30x30 cutout of a sector-22 cube: 30 runs of 30 x 9,984 bytes, 2136 x 9,984 bytes apart
        List<ByteRange> rows = new ArrayList<>();
        for (int row = 0; row < 30; row++) {
            rows.add(r(5760 + ((1000L + row) * 2136 + 500) * 9984, 30 * 9984));
        }
        RangePlan plan = RangePlan.of(rows, Coalescing.defaults());
        assertEquals(30, plan.reads().size());
        assertEquals(30 * 299_520L, plan.readBytes());
    }

    @Test
    void readRangesCutsTheReadsBackIntoTheWantedRangesInOffsetOrder() {
        byte[] object = new byte[10_000];
        new Random(7).nextBytes(object);
        ByteRangeSource source = MemoryByteRangeSource.of(java.net.URI.create("mem:/x"), object);
        List<ByteRange> wanted = List.of(r(9_990, 50), r(5, 10), r(20, 30), r(4_000, 2_500));
        StepVerifier.create(source.readRanges(wanted, new Coalescing(16, 1_000, 2)).map(b -> {
                    byte[] got = new byte[b.length()];
                    b.bytes().duplicate().get(got);
                    return b.offset() + ":" + java.util.Arrays.toString(got);
                }))
                .expectNext(slice(object, 5, 10), slice(object, 20, 30),
                        slice(object, 4_000, 1_000), slice(object, 5_000, 1_000), slice(object, 6_000, 500),
                        slice(object, 9_990, 10))   // the object ends 10 bytes into the last range
                .verifyComplete();
        // reads: [5, 50) merged (gap 5), two 1,000-byte pieces and one of 500, and [9990, 10040): five reads
        assertEquals(5, source.stats().requests());
    }

    private static String slice(byte[] object, int offset, int length) {
        byte[] part = new byte[length];
        System.arraycopy(object, offset, part, 0, length);
        return offset + ":" + java.util.Arrays.toString(part);
    }

    @Test
    void streamOfARangeGivesExactlyItsBytes() {
        byte[] object = new byte[3 * ByteRangeSource.STREAM_CHUNK + 17];
        new Random(3).nextBytes(object);
        ByteRangeSource source = MemoryByteRangeSource.of(java.net.URI.create("mem:/y"), object);
        ByteBuffer all = ByteBuffer.allocate(object.length);
        long start = ByteRangeSource.STREAM_CHUNK - 5L;
        source.stream(ByteRange.of(start, 10L * ByteRangeSource.STREAM_CHUNK)).toStream().forEach(b -> {
            assertEquals(start + all.position(), b.offset());
            all.put(b.bytes());
        });
        byte[] expected = new byte[(int) (object.length - start)];
        System.arraycopy(object, (int) start, expected, 0, expected.length);
        assertArrayEquals(expected, java.util.Arrays.copyOf(all.array(), all.position()));
    }
}

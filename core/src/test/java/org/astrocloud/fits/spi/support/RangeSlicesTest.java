package org.astrocloud.fits.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.junit.jupiter.api.Test;

/** Cutting a range out of a whole object: inside, clipped at the end, past the end. */
class RangeSlicesTest {
    /** An object of 10 bytes: 10, 11, ..., 19, so each byte names its offset plus 10. */
    private static ByteBuffer tenBytes() {
        return ByteBuffer.wrap(new byte[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
    }

    private static byte[] bytesOf(RangeBytes r) {
        byte[] b = new byte[r.length()];
        r.bytes().duplicate().get(b);
        return b;
    }

    @Test
    void rangeInsideShouldBeExactlyItsBytes() {
        RangeBytes r = RangeSlices.slice(tenBytes(), ByteRange.of(3, 4));
        assertArrayEquals(new byte[] {13, 14, 15, 16}, bytesOf(r));
        assertEquals(3, r.offset());
        assertEquals(OptionalLong.of(10), r.objectSize());
        assertEquals(0, r.bytes().position());
    }

    @Test
    void wholeObjectShouldBeEveryByte() {
        RangeBytes r = RangeSlices.slice(tenBytes(), ByteRange.of(0, 10));
        assertArrayEquals(new byte[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, bytesOf(r));
    }

    @Test
    void rangeRunningPastTheEndShouldBeClippedThere() {
        // bytes 8-12 asked for, the object ends after byte 9
        RangeBytes r = RangeSlices.slice(tenBytes(), ByteRange.of(8, 5));
        assertArrayEquals(new byte[] {18, 19}, bytesOf(r));
        assertEquals(8, r.offset());
        assertEquals(OptionalLong.of(10), r.objectSize());
    }

    @Test
    void rangeStartingAtTheEndShouldHaveNoBytesButTheSize() {
        RangeBytes r = RangeSlices.slice(tenBytes(), ByteRange.of(10, 1));
        assertEquals(0, r.length());
        assertEquals(10, r.offset());
        assertEquals(OptionalLong.of(10), r.objectSize());
    }

    @Test
    void rangeStartingPastTheEndShouldHaveNoBytesButTheSize() {
        RangeBytes r = RangeSlices.slice(tenBytes(), ByteRange.of(5_000_000_000L, 2880));
        assertEquals(0, r.length());
        assertEquals(5_000_000_000L, r.offset());
        assertEquals(OptionalLong.of(10), r.objectSize());
    }

    @Test
    void sliceShouldBeACopyAndLeaveTheObjectUnchanged() {
        ByteBuffer whole = tenBytes();
        RangeBytes r = RangeSlices.slice(whole, ByteRange.of(2, 3));
        whole.array()[2] = 99;
        assertArrayEquals(new byte[] {12, 13, 14}, bytesOf(r));
        assertEquals(0, whole.position());
        assertEquals(10, whole.limit());
    }
}

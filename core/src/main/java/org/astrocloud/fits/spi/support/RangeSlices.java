package org.astrocloud.fits.spi.support;

import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;

/**
 * Cuts a range out of an object held whole in memory, for sources that have the object's bytes
 * (an in-memory source, an HTTP source that got the whole object from a server ignoring
 * {@code Range}). The one place where a range is clipped to the end of such an object.
 *
 * <pre>{@code
 * RangeSlices.slice(ByteBuffer.wrap(tenBytes), ByteRange.of(8, 5));   // bytes 8-9, object size 10
 * }</pre>
 */
public final class RangeSlices {
    private RangeSlices() {
    }

    /**
     * The bytes of {@code range} in {@code whole}, a copy: all of them when the range lies
     * inside, those up to the end when it runs past it, none when it starts at or after the end.
     * The object is {@code whole} from position 0 to its limit, which is its size; the buffer
     * itself is not changed.
     */
    public static RangeBytes slice(ByteBuffer whole, ByteRange range) {
        long size = whole.limit();
        int start = (int) Math.min(range.offset(), size);
        int length = (int) Math.min(range.length(), size - start);
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(whole.duplicate().position(start).limit(start + length)).flip();
        return RangeBytes.of(range.offset(), copy, size);
    }
}

package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import nom.tam.fits.utilities.FitsCheckSum;

/**
 * The running 32-bit ones'-complement sum of a byte stream fed in pieces of any length: the FITS
 * checksum arithmetic (FITS 4.0, appendix J) made incremental. The words are big-endian and counted
 * from the first byte fed, whatever the pieces; a piece that ends inside a word keeps its last one
 * to three bytes until the next piece completes the word. nom-tam-fits' {@link FitsCheckSum} sums
 * every whole run of words and combines the sums ({@link FitsCheckSum#sumOf}); only the carried
 * bytes of a word split between pieces are put together here. Not thread-safe.
 *
 * <pre>{@code
 * OnesComplementSum sum = new OnesComplementSum();
 * sum.add(ByteBuffer.wrap(new byte[] {0, 0}));
 * sum.add(ByteBuffer.wrap(new byte[] {0, 1}));
 * sum.value();   // 1: one word, 0x00000001
 * }</pre>
 */
final class OnesComplementSum {
    private long sum;
    private int carried;
    private int carriedBytes;
    private long length;

    /** Adds the remaining bytes of {@code bytes}, leaving its position as it was. */
    OnesComplementSum add(ByteBuffer bytes) {
        ByteBuffer b = bytes.slice();
        int n = b.remaining();
        int i = 0;
        while (carriedBytes > 0 && i < n) {
            carry(b.get(i++));
            if (carriedBytes == Integer.BYTES) {
                sum = FitsCheckSum.sumOf(sum, carried & 0xffffffffL);
                carried = 0;
                carriedBytes = 0;
            }
        }
        int words = (n - i) & ~(Integer.BYTES - 1);
        if (words > 0) {
            // FitsCheckSum.checksum sums from position 0 of the buffer it is given: a slice of its own
            sum = FitsCheckSum.sumOf(sum, FitsCheckSum.checksum(b.slice(i, words)));
        }
        for (int j = i + words; j < n; j++) {
            carry(b.get(j));
        }
        length += n;
        return this;
    }

    private void carry(byte b) {
        carried = carried << 8 | (b & 0xff);
        carriedBytes++;
    }

    /** The sum so far, as an unsigned 32-bit value; a last word cut short counts as if padded with zeros. */
    long value() {
        if (carriedBytes == 0) {
            return sum;
        }
        long last = (carried & 0xffffffffL) << (Byte.SIZE * (Integer.BYTES - carriedBytes));
        return FitsCheckSum.sumOf(sum, last & 0xffffffffL);
    }

    /** How many bytes were added. */
    long length() {
        return length;
    }
}

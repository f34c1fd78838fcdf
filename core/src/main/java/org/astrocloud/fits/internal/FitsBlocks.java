package org.astrocloud.fits.internal;

/**
 * The FITS block arithmetic, in one place: 2880-byte blocks, 80-byte cards, padding.
 */
public final class FitsBlocks {
    /** Bytes in a FITS block. */
    public static final int BLOCK_SIZE = 2880;
    /** Bytes in a header card. */
    public static final int CARD_SIZE = 80;
    /** Cards in a block. */
    public static final int CARDS_PER_BLOCK = BLOCK_SIZE / CARD_SIZE;

    private FitsBlocks() {
    }

    /**
     * Rounds {@code bytes} up to a whole number of blocks.
     *
     * @throws ArithmeticException if the result does not fit in a {@code long}
     */
    public static long padded(long bytes) {
        long rem = bytes % BLOCK_SIZE;
        return rem == 0 ? bytes : Math.addExact(bytes, BLOCK_SIZE - rem);
    }

    /**
     * The size in bytes of a data unit, unpadded:
     * {@code |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn)}, 0 when NAXIS = 0;
     * for random groups NAXIS1 (which is 0) is left out of the product.
     *
     * @throws ArithmeticException if the size does not fit in a {@code long}
     */
    public static long dataSize(int bitpix, long[] naxis, long pcount, long gcount, boolean randomGroups) {
        if (naxis.length == 0 || gcount == 0) {
            return 0;
        }
        int first = randomGroups ? 1 : 0;
        long product = 1;
        for (int i = first; i < naxis.length; i++) {
            if (naxis[i] == 0) {
                product = 0;
                break;
            }
        }
        for (int i = first; i < naxis.length && product != 0; i++) {
            product = Math.multiplyExact(product, naxis[i]);
        }
        long elements = Math.multiplyExact(gcount, Math.addExact(pcount, product));
        return Math.multiplyExact(Math.abs(bitpix) / 8L, elements);
    }

    /** Whether the card at {@code at} in {@code bytes} starts with {@code text} (ASCII). */
    public static boolean cardStartsWith(byte[] bytes, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

package org.astrocloud.fits.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.internal.FitsBlocks;

/**
 * The smallest primary header that lets an extension stand on its own as a FITS file:
 * {@code SIMPLE = T}, {@code BITPIX = 8}, {@code NAXIS = 0}, {@code EXTEND = T}, {@code END}, blank
 * to one 2880-byte block (FITS 4.0, sections 4.4.1.1 and 3.3.2).
 */
final class PrimaryStub {
    private static final byte[] BYTES = render();

    private PrimaryStub() {
    }

    /** A fresh copy of the header's bytes. */
    static byte[] bytes() {
        return BYTES.clone();
    }

    private static byte[] render() {
        String cards = FitsCard.of("SIMPLE", true, "conforms to the FITS standard").image()
                + FitsCard.of("BITPIX", 8L, "no data in the primary HDU").image()
                + FitsCard.of("NAXIS", 0L, "no data in the primary HDU").image()
                + FitsCard.of("EXTEND", true, "the extension follows").image()
                + String.format(Locale.ROOT, "%-80s", "END");
        byte[] block = Arrays.copyOf(cards.getBytes(StandardCharsets.US_ASCII), FitsBlocks.BLOCK_SIZE);
        Arrays.fill(block, cards.length(), block.length, (byte) ' ');
        return block;
    }
}

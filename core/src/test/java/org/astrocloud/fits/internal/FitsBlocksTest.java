package org.astrocloud.fits.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The block arithmetic, each expected value worked out by hand from the FITS rules:
 * {@code |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn)}, padded to 2880-byte blocks.
 */
class FitsBlocksTest {
    private static final long MAX = Long.MAX_VALUE;

    @Test
    void constantsShouldBeTheStandardsSizes() {
        assertEquals(2880, FitsBlocks.BLOCK_SIZE);
        assertEquals(80, FitsBlocks.CARD_SIZE);
        assertEquals(36, FitsBlocks.CARDS_PER_BLOCK);
    }

    // ---------------------------------------------------------------- padded

    @Test
    void paddedShouldRoundUpToWholeBlocks() {
        assertEquals(0, FitsBlocks.padded(0));
        assertEquals(2880, FitsBlocks.padded(1));
        assertEquals(2880, FitsBlocks.padded(2879));
        assertEquals(2880, FitsBlocks.padded(2880));
        assertEquals(5760, FitsBlocks.padded(2881));
        assertEquals(11_520, FitsBlocks.padded(10_000));         // 3 blocks hold 8640, 4 hold 11520
        // a TESS FFI image, 2136 x 2078 x 4 bytes = 17,754,432: 6164.7 blocks, so 6165 = 17,755,200
        assertEquals(17_755_200, FitsBlocks.padded(17_754_432));
    }

    @Test
    void paddedShouldKeepTheLargestWholeBlockCountThatFits() {
        long largest = MAX / 2880 * 2880;
        assertEquals(largest, FitsBlocks.padded(largest));
    }

    @Test
    void paddedShouldOverflowWhenTheNextBlockDoesNotFit() {
        long largest = MAX / 2880 * 2880;
        assertThrows(ArithmeticException.class, () -> FitsBlocks.padded(largest + 1));
        // 2^63 - 1 is odd, so not a multiple of 2880
        assertThrows(ArithmeticException.class, () -> FitsBlocks.padded(MAX));
    }

    // ---------------------------------------------------------------- dataSize

    @Test
    void imageSizeShouldBeBytesPerValueTimesTheAxes() {
        assertEquals(10_000, FitsBlocks.dataSize(16, new long[] {100, 50}, 0, 1, false));     // 2 * 5000
        assertEquals(24_000, FitsBlocks.dataSize(-32, new long[] {300, 20}, 0, 1, false));    // 4 * 6000
        assertEquals(24, FitsBlocks.dataSize(64, new long[] {3}, 0, 1, false));               // 8 * 3
        assertEquals(48, FitsBlocks.dataSize(-64, new long[] {2, 3}, 0, 1, false));           // 8 * 6
        assertEquals(60, FitsBlocks.dataSize(8, new long[] {3, 4, 5}, 0, 1, false));          // 1 * 60
        assertEquals(240, FitsBlocks.dataSize(32, new long[] {3, 4, 5}, 0, 1, false));        // 4 * 60
    }

    @Test
    void tableSizeShouldIncludeTheHeapThroughPcount() {
        // BINTABLE: 24-byte rows, 1000 rows, a 500-byte heap
        assertEquals(24_500, FitsBlocks.dataSize(8, new long[] {24, 1000}, 500, 1, false));
    }

    @Test
    void gcountShouldMultiplyParametersAndValues() {
        // 2 bytes * 3 groups * (4 parameters + 5 values) = 54
        assertEquals(54, FitsBlocks.dataSize(16, new long[] {5}, 4, 3, false));
    }

    @Test
    void randomGroupsShouldLeaveNaxis1OutOfTheProduct() {
        // NAXIS1 = 0, NAXIS2 = 3, NAXIS3 = 4: 4 bytes * 10 groups * (2 parameters + 3 * 4 values) = 560
        assertEquals(560, FitsBlocks.dataSize(-32, new long[] {0, 3, 4}, 2, 10, true));
    }

    @Test
    void theSameAxesWithoutRandomGroupsShouldHoldOnlyTheParameters() {
        // NAXIS1 = 0 is now a factor: the product is 0, so only GCOUNT * PCOUNT values: 4 * 10 * 2
        assertEquals(80, FitsBlocks.dataSize(-32, new long[] {0, 3, 4}, 2, 10, false));
        assertEquals(0, FitsBlocks.dataSize(-32, new long[] {0, 3, 4}, 0, 1, false));
    }

    @Test
    void noAxesShouldMeanNoData() {
        assertEquals(0, FitsBlocks.dataSize(8, new long[0], 0, 1, false));
        assertEquals(0, FitsBlocks.dataSize(-64, new long[0], 1000, 7, false));
    }

    @Test
    void anyZeroFactorShouldMeanNoDataEvenIfTheOthersOverflow() {
        assertEquals(0, FitsBlocks.dataSize(64, new long[] {MAX, MAX, 0}, 0, 1, false));
        assertEquals(0, FitsBlocks.dataSize(64, new long[] {0, MAX, MAX}, 0, 1, false));
        assertEquals(0, FitsBlocks.dataSize(64, new long[] {MAX, MAX}, MAX, 0, false));
        assertEquals(0, FitsBlocks.dataSize(16, new long[] {0, MAX, MAX, 0}, 0, 1, true));
    }

    @Test
    void overflowShouldThrow() {
        // the product of the axes
        assertThrows(ArithmeticException.class, () -> FitsBlocks.dataSize(8, new long[] {MAX, 2}, 0, 1, false));
        // PCOUNT + product
        assertThrows(ArithmeticException.class, () -> FitsBlocks.dataSize(8, new long[] {1}, MAX, 1, false));
        // GCOUNT * (PCOUNT + product): 2 * (2^62) = 2^63
        assertThrows(ArithmeticException.class, () -> FitsBlocks.dataSize(8, new long[] {MAX / 2 + 1}, 0, 2, false));
        // the bytes per value: 8 * 2^62
        assertThrows(ArithmeticException.class, () -> FitsBlocks.dataSize(64, new long[] {1L << 62}, 0, 1, false));
        // random groups: NAXIS1 is left out, the others still overflow
        assertThrows(ArithmeticException.class, () -> FitsBlocks.dataSize(8, new long[] {0, MAX, 2}, 0, 1, true));
    }

    @Test
    void largestSizesThatFitShouldNotThrow() {
        assertEquals(MAX, FitsBlocks.dataSize(8, new long[] {MAX}, 0, 1, false));
        // 8 * (2^60 - 1) = 2^63 - 8
        assertEquals(MAX - 7, FitsBlocks.dataSize(64, new long[] {(1L << 60) - 1}, 0, 1, false));
    }

    // ---------------------------------------------------------------- cardStartsWith

    @Test
    void cardStartsWithShouldCompareTheTextAtTheGivenOffset() {
        byte[] two = (String.format(Locale.ROOT, "%-80s", "SIMPLE  =                    T")
                + String.format(Locale.ROOT, "%-80s", "XTENSION= 'IMAGE   '")).getBytes(StandardCharsets.US_ASCII);
        assertTrue(FitsBlocks.cardStartsWith(two, 0, "SIMPLE  ="));
        assertTrue(FitsBlocks.cardStartsWith(two, 0, "SIMPLE"));
        assertTrue(FitsBlocks.cardStartsWith(two, 0, ""));
        assertTrue(FitsBlocks.cardStartsWith(two, 80, "XTENSION="));
        assertFalse(FitsBlocks.cardStartsWith(two, 80, "SIMPLE  ="));
        assertFalse(FitsBlocks.cardStartsWith(two, 0, "XTENSION="));
        assertFalse(FitsBlocks.cardStartsWith(two, 0, "simple"), "case matters");
        assertFalse(FitsBlocks.cardStartsWith(two, 0, "SIMPLE ="), "blanks matter");
        assertFalse(FitsBlocks.cardStartsWith(two, 1, "SIMPLE"), "the offset matters");
    }
}

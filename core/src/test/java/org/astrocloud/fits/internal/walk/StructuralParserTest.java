package org.astrocloud.fits.internal.walk;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comment;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.astrocloud.fits.error.InvalidKeywordException;
import org.junit.jupiter.api.Test;

/**
 * The structural keywords read straight from header bytes. Each header is written here card by
 * card; the parser is told that the cards before END are exactly the ones passed. Extensions are
 * parsed as HDU 1 at byte {@link #AT} = 8640 (three blocks in), so an error in card {@code c}
 * names byte {@code 8640 + 80 * c}, and an error without a card the header's own offset.
 */
class StructuralParserTest {
    private static final URI URI_ = URI.create("mem:/structure.fits");
    private static final long AT = 8640;

    private static HeaderStructure primary(String... cards) {
        return StructuralParser.parse(header(cards), cards.length, URI_, 0, 0);
    }

    private static HeaderStructure extension(String... cards) {
        return StructuralParser.parse(header(cards), cards.length, URI_, 1, AT);
    }

    /** Expects the extension's cards to fail with an InvalidKeywordException at {@code offset}. */
    private static void assertInvalidAt(long offset, String... cards) {
        InvalidKeywordException e = assertThrows(InvalidKeywordException.class, () -> extension(cards));
        assertEquals(OptionalLong.of(offset), e.offset(), e::getMessage);
        assertEquals(OptionalInt.of(1), e.hdu());
        assertEquals(Optional.of(URI_), e.uri());
    }

    private static String xtension(String type) {
        return card("XTENSION", str(type));
    }

    // ---------------------------------------------------------------- what is read

    @Test
    void primaryImageShouldGiveItsKeywordsAndTheDefaults() {
        HeaderStructure s = primary(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 2),
                card("NAXIS1", 100), card("NAXIS2", 50), card("EXTEND", true));
        assertTrue(s.conforming());
        assertTrue(s.isPrimary());
        assertNull(s.xtension());
        assertEquals(16, s.bitpix());
        assertArrayEquals(new long[] {100, 50}, s.naxis());
        assertEquals(0, s.pcount(), "PCOUNT defaults to 0");
        assertEquals(1, s.gcount(), "GCOUNT defaults to 1");
        assertFalse(s.groups());
        assertFalse(s.zimage());
        assertFalse(s.isRandomGroups());
        assertEquals(6, s.cardCount());
    }

    @Test
    void binaryTableShouldGiveItsHeapAndType() {
        HeaderStructure s = extension(xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", 24), card("NAXIS2", 1000), card("PCOUNT", 500), card("GCOUNT", 1),
                card("TFIELDS", 1));
        assertFalse(s.isPrimary());
        assertEquals("BINTABLE", s.xtension());
        assertEquals(8, s.bitpix());
        assertArrayEquals(new long[] {24, 1000}, s.naxis());
        assertEquals(500, s.pcount());
        assertEquals(1, s.gcount());
        assertEquals(8, s.cardCount());
    }

    @Test
    void xtensionValueShouldLoseItsTrailingBlanks() {
        // 'IMAGE   ' as written (padded to 8 inside the quotes), and with more blanks
        assertEquals("IMAGE", extension(xtension("IMAGE"), card("BITPIX", -32), card("NAXIS", 0)).xtension());
        assertEquals("A3DTABLE", extension(card("XTENSION", "'A3DTABLE      '"), card("BITPIX", 8),
                card("NAXIS", 0)).xtension());
    }

    @Test
    void everyBitpixOfTheStandardShouldBeRead() {
        for (int bitpix : new int[] {8, 16, 32, 64, -32, -64}) {
            assertEquals(bitpix, extension(xtension("IMAGE"), card("BITPIX", bitpix), card("NAXIS", 0)).bitpix());
        }
    }

    @Test
    void valuesWithCommentsAndPlusSignsShouldBeRead() {
        HeaderStructure s = extension(xtension("IMAGE"), card("BITPIX", "+16", "bits per value"),
                card("NAXIS", 1, "one axis"), card("NAXIS1", 7, "columns"), card("PCOUNT", 0, "none"),
                card("GCOUNT", 1, "one"));
        assertEquals(16, s.bitpix());
        assertArrayEquals(new long[] {7}, s.naxis());
    }

    @Test
    void randomGroupsShouldBeRecognised() {
        HeaderStructure s = primary(card("SIMPLE", true), card("BITPIX", -32), card("NAXIS", 3),
                card("NAXIS1", 0), card("NAXIS2", 3), card("NAXIS3", 4), card("GROUPS", true),
                card("PCOUNT", 2), card("GCOUNT", 10));
        assertTrue(s.groups());
        assertTrue(s.isRandomGroups());
        assertArrayEquals(new long[] {0, 3, 4}, s.naxis());
        assertEquals(2, s.pcount());
        assertEquals(10, s.gcount());
    }

    @Test
    void groupsInAnExtensionOrWithANonZeroNaxis1ShouldNotBeRandomGroups() {
        assertFalse(extension(xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 0),
                card("GROUPS", true)).isRandomGroups());
        assertFalse(primary(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 5),
                card("GROUPS", true)).isRandomGroups());
        assertFalse(primary(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 0),
                card("GROUPS", false)).isRandomGroups());
    }

    @Test
    void zimageShouldBeRead() {
        assertTrue(extension(xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 8),
                card("NAXIS2", 2), card("PCOUNT", 0), card("GCOUNT", 1), card("ZIMAGE", true)).zimage());
        assertFalse(extension(xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 0),
                card("ZIMAGE", false)).zimage());
        assertFalse(extension(xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 0),
                card("ZIMAGE", "'T'")).zimage(), "a string is not the logical T");
    }

    @Test
    void simpleFalseShouldBeReadAsNotConforming() {
        HeaderStructure s = primary(card("SIMPLE", false), card("BITPIX", 8), card("NAXIS", 0));
        assertFalse(s.conforming());
        assertTrue(s.isPrimary());
    }

    @Test
    void extensionsShouldAlwaysBeConforming() {
        assertTrue(extension(xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 0)).conforming());
    }

    // ---------------------------------------------------------------- first occurrence wins

    @Test
    void theFirstOccurrenceOfAKeywordShouldWin() {
        HeaderStructure s = extension(xtension("IMAGE"), card("BITPIX", 16), card("NAXIS", 2),
                card("NAXIS1", 10), card("NAXIS2", 20), card("PCOUNT", 3), card("GCOUNT", 2),
                card("BITPIX", 32), card("NAXIS", 3), card("NAXIS1", 99), card("PCOUNT", 7), card("GCOUNT", 5));
        assertEquals(16, s.bitpix());
        assertArrayEquals(new long[] {10, 20}, s.naxis());
        assertEquals(3, s.pcount());
        assertEquals(2, s.gcount());
    }

    @Test
    void laterInvalidRepeatsShouldNotBeRead() {
        HeaderStructure s = extension(xtension("IMAGE"), card("BITPIX", 16), card("NAXIS", 1), card("NAXIS1", 10),
                card("PCOUNT", 0), card("GCOUNT", 1),
                card("BITPIX", 24), card("NAXIS", -1), card("NAXIS1", -3), card("PCOUNT", "'x'"), card("GCOUNT", -1));
        assertEquals(16, s.bitpix());
        assertArrayEquals(new long[] {10}, s.naxis());
    }

    @Test
    void axesBeyondNaxisAndLookalikeKeywordsShouldBeIgnored() {
        HeaderStructure s = extension(xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 5),
                card("NAXIS2", 7), card("NAXISX", 3), card("BITPIXEL", 3), card("PCOUNTS", -4), comment("NAXIS1 = 9"));
        assertArrayEquals(new long[] {5}, s.naxis());
        assertEquals(8, s.bitpix());
        assertEquals(0, s.pcount());
    }

    @Test
    void cardsAfterTheCountGivenShouldNotBeRead() {
        // 4 cards are said to lie before END: the BITPIX 24 in card 4 is not looked at
        byte[] bytes = header(xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0),
                card("BITPIX", 24));
        HeaderStructure s = StructuralParser.parse(bytes, 4, URI_, 1, AT);
        assertEquals(8, s.bitpix());
        assertEquals(4, s.cardCount());
    }

    // ---------------------------------------------------------------- invalid or missing values

    @Test
    void missingBitpixShouldNameTheHeader() {
        assertInvalidAt(AT, xtension("IMAGE"), card("NAXIS", 0));
    }

    @Test
    void missingNaxisShouldNameTheHeader() {
        assertInvalidAt(AT, xtension("IMAGE"), card("BITPIX", 8));
    }

    @Test
    void missingNaxisNShouldNameTheHeader() {
        assertInvalidAt(AT, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 10));
    }

    @Test
    void naxisNBeforeNaxisShouldNotCount() {
        // NAXIS1 in card 2 comes before NAXIS (card 3): FITS orders them, and the axis counts as missing
        assertInvalidAt(AT, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS1", 10), card("NAXIS", 1));
    }

    @Test
    void invalidBitpixShouldNameItsCard() {
        assertInvalidAt(AT + 80, xtension("IMAGE"), card("BITPIX", 24), card("NAXIS", 0));
        assertInvalidAt(AT + 80, xtension("IMAGE"), card("BITPIX", "'16'"), card("NAXIS", 0));
        assertInvalidAt(AT + 80, xtension("IMAGE"), card("BITPIX", "16.0"), card("NAXIS", 0));
        assertInvalidAt(AT + 80, xtension("IMAGE"), "BITPIX  16", card("NAXIS", 0));   // no value indicator
    }

    @Test
    void invalidBitpixInThePrimaryShouldNameItsCard() {
        InvalidKeywordException e = assertThrows(InvalidKeywordException.class,
                () -> primary(card("SIMPLE", true), card("BITPIX", 12), card("NAXIS", 0)));
        assertEquals(OptionalLong.of(80), e.offset());
        assertEquals(OptionalInt.of(0), e.hdu());
    }

    @Test
    void invalidNaxisShouldNameItsCard() {
        // NAXIS is card 2: 8640 + 160
        assertInvalidAt(AT + 160, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 1000));
        assertInvalidAt(AT + 160, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", -1));
        assertInvalidAt(AT + 160, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", "T"));
    }

    @Test
    void naxisOf999ShouldBeAccepted() {
        String[] cards = new String[3 + 999];
        cards[0] = xtension("IMAGE");
        cards[1] = card("BITPIX", 8);
        cards[2] = card("NAXIS", 999);
        for (int i = 1; i <= 999; i++) {
            cards[2 + i] = card("NAXIS" + i, 1);
        }
        assertEquals(999, extension(cards).naxis().length);
    }

    @Test
    void invalidNaxisNShouldNameItsCard() {
        // NAXIS2 is card 4: 8640 + 320
        for (Object value : new Object[] {-5, "2.5", "'2'", "T", "99999999999999999999"}) {
            assertInvalidAt(AT + 320, xtension("IMAGE"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 10),
                    card("NAXIS2", value));
        }
    }

    @Test
    void invalidPcountOrGcountShouldNameItsCard() {
        // PCOUNT is card 3, GCOUNT card 4
        assertInvalidAt(AT + 240, xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", -1),
                card("GCOUNT", 1));
        assertInvalidAt(AT + 320, xtension("BINTABLE"), card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0),
                card("GCOUNT", "'one'"));
    }

    @Test
    void unquotedXtensionShouldNameTheFirstCard() {
        assertInvalidAt(AT, card("XTENSION", "IMAGE"), card("BITPIX", 8), card("NAXIS", 0));
        assertInvalidAt(AT, card("XTENSION", "'IMAGE"), card("BITPIX", 8), card("NAXIS", 0));
    }
}

package org.astrocloud.fits;

import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.value.FitsComplex;
import org.astrocloud.fits.internal.cards.NomTamCards;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cards read as the FITS 4.0 standard says, every expectation worked out by hand from its text:
 * commentary text verbatim (sections 4.1.2.3, 4.4.2.4), long strings and orphaned CONTINUE
 * cards (4.2.1.2), complex values typed (4.2.5, 4.2.6), and cards written by
 * {@link FitsCard#of} read back as they were given.
 */
class CardFidelityTest {

    private static String card(String text) {
        return String.format(Locale.ROOT, "%-80s", text);
    }

    private static List<FitsCard> read(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(card(l));
        }
        return NomTamCards.parse(b.toString().getBytes(StandardCharsets.ISO_8859_1), lines.length).stream()
                .map(FitsCard::from).toList();
    }

    private static FitsCard one(String line) {
        List<FitsCard> cards = read(line);
        assertEquals(1, cards.size());
        return cards.get(0);
    }

    private static void assertText(String keyword, String text, FitsCard card) {
        assertEquals(keyword, card.keyword(), () -> "keyword of " + card);
        assertEquals(Optional.of(text), card.text(), () -> "text of " + card);
        assertEquals(Optional.of(text), card.stringValue(), () -> "string value of " + card);
        assertEquals(Optional.empty(), card.comment(), () -> "comment of " + card);
    }

    @Test
    void commentaryTextShouldBeBytes9To80WithOnlyTrailingBlanksRemoved() {
        assertText("COMMENT", "    indented by four", one("COMMENT     indented by four   "));
        assertText("HISTORY", "  step  1   flat    2.5", one("HISTORY   step  1   flat    2.5"));
        assertText("", "  blank keyword", one("          blank keyword"));
        assertText("", "", one(""));
        assertText("COMMENT", "", one("COMMENT"));
        // section 4.4.2.4: no value "even if the value indicator characters '= ' appear in bytes 9 and 10"
        assertText("COMMENT", "= 'not a value' / nor a comment", one("COMMENT = 'not a value' / nor a comment"));
        assertText("HISTORY", "= 5", one("HISTORY = 5"));
        assertText("", "= T", one("        = T"));
        assertTrue(one("COMMENT x").isCommentary());
    }

    @Test
    void aCardWithoutValueIndicatorShouldBeText() {
        // section 4.1.2.3: "in keyword records without a value indicator, bytes 9 through 80 should be interpreted as commentary text"
        FitsCard noEquals = one("NOEQUALS  'looks like a string' / and a comment");
        assertText("NOEQUALS", "  'looks like a string' / and a comment", noEquals);
        assertFalse(noEquals.isCommentary(), "not one of the commentary keywords of section 4.4.2.4");
        assertText("EQ", "=5", one("EQ      =5"));
        assertText("X", "=/ slash", one("X       =/ slash"));
        assertText("LONGKEYW", "text", one("LONGKEYWtext"));
    }

    @Test
    void anOrphanedContinueShouldBeText() {
        // section 4.2.1.2: an orphaned CONTINUE "should be interpreted as containing commentary text in bytes 9-80"
        List<FitsCard> afterPlainString = read("A       = 'ab'", "CONTINUE  'cd' / c");
        assertEquals(Optional.of("ab"), afterPlainString.get(0).value());
        assertText("CONTINUE", "  'cd' / c", afterPlainString.get(1));
        List<FitsCard> afterNumber = read("B       = 5", "CONTINUE  'cd&'", "CONTINUE  'ef'");
        assertEquals(Optional.of(5L), afterNumber.get(0).value());
        assertText("CONTINUE", "  'cd&'", afterNumber.get(1));
        assertText("CONTINUE", "  'ef'", afterNumber.get(2));
        List<FitsCard> afterComment = read("COMMENT = 'ab&'", "CONTINUE  'cd'");
        assertText("COMMENT", "= 'ab&'", afterComment.get(0));
        assertText("CONTINUE", "  'cd'", afterComment.get(1));
        assertText("CONTINUE", "  'first'", one("CONTINUE  'first'"));
        // not a conforming CONTINUE (no blanks in bytes 9-10; no string): the & stays, the card is text
        List<FitsCard> notConforming = read("C       = 'ab&'", "CONTINUE= 'cd'", "D       = 'ef&'", "CONTINUE  5");
        assertEquals(Optional.of("ab&"), notConforming.get(0).value());
        assertText("CONTINUE", "= 'cd'", notConforming.get(1));
        assertEquals(Optional.of("ef&"), notConforming.get(2).value());
        assertText("CONTINUE", "  5", notConforming.get(3));
    }

    @Test
    void longStringsShouldJoinAsTheStandardSays() {
        // the last piece's & is literal: nothing continues it
        FitsCard lastAmp = one2("A       = 'ab&'", "CONTINUE  'cd&'");
        assertEquals(Optional.of("abcd&"), lastAmp.value());
        assertEquals(2, lastAmp.physicalCards());
        assertEquals(Optional.of("ab&"), one("A       = 'ab&'").value());
        // blanks may follow the &; empty pieces; a doubled quote inside one piece
        assertEquals(Optional.of("ab cd"), one2("A       = 'ab &   '", "CONTINUE  'cd'").value());
        assertEquals(Optional.of("ab"), one2("A       = 'ab&'", "CONTINUE  ''").value());
        assertEquals(Optional.of("it's ok"), one2("A       = 'it''&'", "CONTINUE  's ok'").value());
        assertEquals(Optional.of("xy"), read("A       = '&'", "CONTINUE  'x&'", "CONTINUE  '&'", "CONTINUE  'y'")
                .get(0).value());
    }

    private static FitsCard one2(String first, String second) {
        List<FitsCard> cards = read(first, second);
        assertEquals(1, cards.size(), () -> "one long string: " + cards);
        return cards.get(0);
    }

    @Test
    void complexValuesShouldBeTyped() {
        assertEquals(Optional.of(new FitsComplexInteger(137, -1)), one("C       = (137, -1)").value());
        assertEquals(Optional.of(new FitsComplexInteger(1, 2)), one("C       = (+1,2) / c").value());
        assertEquals(Optional.of(new FitsComplex(1.5, -2000)), one("C       = (1.5, -2.0D3)").value());
        assertEquals(Optional.of(new FitsComplex(1, 2.5)), one("C       = ( 1 , 2.5 )").value());
        // beyond 64 bits a complex integer is read as a complex real
        assertEquals(Optional.of(new FitsComplex(1e20, 1)), one("C       = (100000000000000000000, 1)").value());
        assertEquals(Optional.of(new FitsComplex(137, -1)), one("C       = (137, -1)").complexValue());
        assertEquals(Optional.of("c"), one("C       = (+1,2) / c").comment());
        assertTrue(one("C       = (137, -1)").doubleValue().isEmpty(), "a complex value is no real");
    }

    @Test
    void cardsWrittenByOfShouldReadBackAsGiven() {
        FitsCard comment = FitsCard.of("COMMENT", "   indented", null);
        assertEquals(card("COMMENT    indented"), comment.image());
        assertEquals(Optional.of("   indented"), comment.text());
        assertEquals(card("HISTORY "), FitsCard.of("HISTORY", null, null).image());
        assertEquals(Optional.of("  blank"), FitsCard.of("", "  blank", null).text());
        assertThrows(IllegalArgumentException.class, () -> FitsCard.of("COMMENT", "x".repeat(73), null));
        assertThrows(IllegalArgumentException.class, () -> FitsCard.of("COMMENT", "x", "a comment"));
        assertThrows(IllegalArgumentException.class, () -> FitsCard.of("COMMENT", 5L, null));

        FitsCard complex = FitsCard.of("CPLX", new FitsComplex(1.5, -2.0), "complex");
        assertEquals(Optional.of(new FitsComplex(1.5, -2.0)), complex.value());
        assertEquals(Optional.of("complex"), complex.comment());
        FitsCard integer = FitsCard.of("OFFSET", new FitsComplexInteger(137, -1), "pixels");
        assertEquals(card("OFFSET  =            (137, -1) / pixels"), integer.image());
        assertEquals(Optional.of(new FitsComplexInteger(137, -1)), integer.value());
        FitsCard extreme = FitsCard.of("OFFSET", new FitsComplexInteger(Long.MIN_VALUE, Long.MAX_VALUE), null);
        assertEquals(Optional.of(new FitsComplexInteger(Long.MIN_VALUE, Long.MAX_VALUE)), extreme.value());
        FitsCard wide = FitsCard.of("OFFSET", new FitsComplexInteger(137, -1), "y".repeat(50));
        assertEquals(card("OFFSET  = (137, -1) / " + "y".repeat(50)), wide.image(), "the value moves to byte 11 to make room");
        assertEquals(Optional.empty(), FitsCard.of("OFFSET", new FitsComplexInteger(1, 2), "y".repeat(70)).comment());
        assertThrows(IllegalArgumentException.class, () -> FitsCard.of("toolongkey", new FitsComplexInteger(1, 2), null));
        assertThrows(IllegalArgumentException.class, () -> new FitsComplex(Double.NaN, 0));
    }

    /** Found by FitsCardFuzzTest: FitsCard.of gave an undefined value without a comment the value "". */
    @Test
    void anUndefinedValueWrittenByOfShouldBeUndefined() {
        FitsCard undefined = FitsCard.of("EXPTIME", null, null);
        assertEquals(card("EXPTIME ="), undefined.image());
        assertEquals(Optional.empty(), undefined.value());
        assertEquals(Optional.empty(), undefined.text());
        assertEquals(one("EXPTIME ="), undefined);
        assertEquals(Optional.empty(), FitsCard.of("EXPTIME", null, "seconds").value());
    }

    /** Found by FitsCardFuzzTest: a comment that does not fit was cut, not left out as FitsCard.of says. */
    @Test
    void aCommentThatDoesNotFitShouldBeLeftOut() {
        // the finding: after "H53     = 5859553999884210513 / " nom-tam-fits cut this comment to the 48 characters left
        long value = 5_859_553_999_884_210_513L;
        String comment = "Tg " + "Q".repeat(42) + "sec\"tQ";
        FitsCard card = FitsCard.of("H53", value, comment);
        assertEquals(Optional.empty(), card.comment(), card::image);
        assertEquals(Optional.of(value), card.value());
        assertEquals(Optional.of("a short one"), FitsCard.of("H53", value, "a short one").comment());
    }

    /**
     * Found by FitsCardFuzzTest: an undefined value with an 80-blank comment was written by nom-tam-fits
     * as a card without "= " and a CONTINUE card, two cards that do not read back as one; it cannot be written.
     */
    @Test
    void aCardThatDoesNotReadBackAsOneShouldNotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> FitsCard.of("HLPBBBBB", null, " ".repeat(80)));
        assertEquals(Optional.empty(), FitsCard.of("HLPBBBBB", null, " ").value());
    }
}

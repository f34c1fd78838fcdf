package org.astrocloud.fits;

import org.astrocloud.fits.internal.cards.NomTamCards;
import org.astrocloud.fits.internal.cards.StandardCards;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import nom.tam.util.FitsInputStream;
import org.astrocloud.fits.testkit.NomTamCorpus;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever value {@link StandardCards} reads, nom-tam-fits reads the same way: keyword, typed
 * value, comment and image, card by card, on the TESS headers, on every card of the
 * nom-tam-written corpus, and on generated cards of every form. It must also read nearly all TESS
 * cards, or it would be a fast path in name only.
 *
 * <p>Cards without a value are text, bytes 9-80 as written (FITS 4.0, sections 4.1.2.3 and
 * 4.4.2.4), which both paths read alike: here the text is checked against those bytes, and
 * nom-tam-fits must see the same keyword and the same text but for its leading blanks, which it
 * drops. Where nom-tam-fits reads a value in such a card, the card must be one of the two forms
 * documented in {@link #nomTamReadsAValueIn}.
 */
class StandardCardsAgreementTest {
    private static final String[] TESS = {"cube-hdu0-primary.txt", "cube-hdu1-image.txt", "cube-hdu2-table.txt",
        "ffic-hdu0-primary.txt", "ffic-hdu1-cal.txt", "ffic-hdu1-cal-nowcs.txt", "ffic-hdu2-uncert.txt"};

    @Test
    void readsTessCardsAsNomTamDoes() {
        int cards = 0;
        int fast = 0;
        for (String resource : TESS) {
            for (String image : TessFiles.cards(resource)) {
                if (image.startsWith("END ")) {
                    continue;
                }
                cards++;
                fast += agree(image) ? 1 : 0;
            }
        }
        assertTrue(cards > 800, "the TESS corpus has " + cards + " cards");
        assertTrue(fast >= cards * 0.95, "the fast path read " + fast + " of " + cards + " TESS cards");
    }

    @Test
    void readsEveryCardOfTheNomTamCorpusAsNomTamDoes(@TempDir Path dir) throws Exception {
        int checked = 0;
        for (Path file : NomTamCorpus.all(dir)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                continue;
            }
            for (String image : NomTamCorpus.nomTam(() -> physicalCards(file))) {
                agree(image);
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked + " cards");
    }

    @Test
    void readsGeneratedCardsAsNomTamDoes() {
        Random random = new Random(20261122);
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            fast += agree(generated(random)) ? 1 : 0;
        }
        assertTrue(fast > 10_000, "the fast path read " + fast + " of 20,000 generated cards");
    }

    @Test
    void readsEdgeFormsAsNomTamDoes() {
        List<String> failures = new ArrayList<>();
        for (String image : List.of(
                "A       = 5.", "A       = +1.0E5", "A       = 1E5",
                "A       = 0005", "A       = -0", "A       = +7 / plus", "A       = 922337203685477580",
                "A       = 1.7976931348623157E308", "A       = 4.9E-324", "A       = T/no blank",
                "A       = F                    /", "A       = ''", "A       = ''''", "A       = '   '",
                "A       = '  lead'", "A       = 'a/b' / c/d", "A       =  'free format'",
                "COMMENT = 'not a value'", "HISTORY   x=1 / y", "COMMENT         wide indent",
                "A       = 1.2345678901234567890", "        ", "COMMENT", "          blank keyword, indented",
                "NOEQUALS  'text without a value indicator'", "EQ      =5", "X       =/ slash", "CONTINUE  'orphan'")) {
            try {
                assertTrue(agree(image), "the fast path should read " + image);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        // beyond 18 digits an integer may not fit a long: nom-tam decides (a BigInteger)
        assertFalse(agree("A       = 9223372036854775807"), "19 digits are left to nom-tam-fits");
        String big = "A       = 12345678901234567890";
        assertFalse(agree(big), "the fast path should leave " + big + " to nom-tam-fits");
        assertEquals(java.util.Optional.of(new java.math.BigInteger("12345678901234567890")),
                FitsCard.from(NomTamCards.parse(card(big).getBytes(StandardCharsets.ISO_8859_1), 1).get(0)).value());
    }

    /** Long strings cut in other places than nom-tam cuts them, between cards only nom-tam reads: cards stay aligned. */
    @Test
    void cardsStayAlignedWithTheirImagesAroundLongStringsAndCardsNomTamReads() {
        List<String> lines = List.of("A       = 'ab&'", "CONTINUE  'cd&'", "CONTINUE  'ef'", "B       = (1,2)",
                "C       = (3,4)", "D       = 'x&'", "E       = (5,6)", "F       = 'y" + "y".repeat(60) + "&'",
                "CONTINUE  'z'", "G       = 7");
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(card(l)));
        List<FitsCard> cards = NomTamCards.parse(text.toString().getBytes(StandardCharsets.ISO_8859_1), lines.size())
                .stream().map(FitsCard::from).toList();

        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), cards.stream().map(FitsCard::keyword).toList());
        assertEquals(java.util.Optional.of("abcdef"), cards.get(0).value());
        assertEquals(card(lines.get(0)) + card(lines.get(1)) + card(lines.get(2)), cards.get(0).image());
        assertEquals(card(lines.get(3)), cards.get(1).image());
        assertEquals(card(lines.get(4)), cards.get(2).image());
        assertEquals(card(lines.get(6)), cards.get(4).image());
        assertEquals(java.util.Optional.of("y".repeat(61) + "z"), cards.get(5).value());
        assertEquals(java.util.Optional.of(7L), cards.get(6).value());
    }

    /** FITS 4.0 section 4.2.4: "at least one of the integer part or fractional part must be present". */
    @Test
    void readsARealWithoutIntegerPartAsTheStandardSaysWhereNomTamDoesNot() {
        for (String[] c : new String[][] {{"A       = .5", "0.5"}, {"A       = -.5D-3", "-5.0E-4"}}) {
            byte[] image = card(c[0]).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(java.util.Optional.of(Double.parseDouble(c[1])), FitsCard.from(StandardCards.parse(image, 0)).value(), c[0]);
            assertEquals(java.util.Optional.of(""), FitsCard.from(NomTamCards.parseWithNomTam(card(c[0]))).value(),
                    "nom-tam-fits 1.21.2 reads an empty string here; if that changes, this difference can go");
        }
    }

    /** FITS 4.0 section 4.1.2.3: a value field of blanks only is a null field, "the value ... is undefined". */
    @Test
    void readsABlankValueFieldAsUndefinedWhereNomTamReadsAnEmptyString() {
        byte[] image = card("A       =").getBytes(StandardCharsets.ISO_8859_1);
        FitsCard fast = orNull(StandardCards.parse(image, 0));
        assertEquals(java.util.Optional.empty(), fast.value());
        assertEquals(java.util.Optional.empty(), fast.comment());
        assertEquals(java.util.Optional.of(""), FitsCard.from(NomTamCards.parseWithNomTam(card("A       ="))).value(),
                "nom-tam-fits 1.21.2 reads an empty string here; if that changes, this difference can go");
        assertTrue(agree("A       =                      / with a comment nom-tam reads it as undefined too"));
    }

    @Test
    void leavesUnusualFormsToNomTam() {
        for (String image : List.of(
                "HIERARCH ESO DET CHIP ID = 'ccd1' / a hierarch card",
                "LONGSTR = 'first part&'",
                "CPLX    = (1.5, -2.0) / complex",
                "lower   = 1",
                "BADNUM  = 12abc",
                "BIGINT  = 123456789012345678901234",
                "PRECISE = 3.14159265358979323846",
                "OPEN    = 'no closing quote",
                "TRAILING= 5 garbage")) {
            assertNull(StandardCards.parse(card(image).getBytes(StandardCharsets.ISO_8859_1), 0), image);
        }
    }

    /** Checks agreement when the fast path reads the card; whether it did. */
    private static boolean agree(String image80) {
        String image = card(image80);
        FitsCard fast = orNull(StandardCards.parse(image.getBytes(StandardCharsets.ISO_8859_1), 0));
        if (fast == null) {
            return false;
        }
        if (fast.text().isPresent()) {
            agreeOnText(image, fast);
            return true;
        }
        FitsCard nomTam = FitsCard.from(NomTamCards.parseWithNomTam(image));
        assertNotNull(nomTam, image);
        assertEquals(nomTam.keyword(), fast.keyword(), () -> "keyword of " + image);
        assertEquals(nomTam.value(), fast.value(), () -> "value of " + image);
        assertEquals(nomTam.value().map(Object::getClass), fast.value().map(Object::getClass), () -> "value type of " + image);
        assertEquals(nomTam.comment(), fast.comment(), () -> "comment of " + image);
        assertEquals(image, fast.image());
        return true;
    }

    /** Text is bytes 9-80 without trailing blanks; nom-tam-fits sees that text but for leading blanks, or a documented value. */
    private static void agreeOnText(String image, FitsCard fast) {
        String text = image.substring(8).stripTrailing();
        assertEquals(java.util.Optional.of(text), fast.text(), () -> "text of " + image);
        assertEquals(java.util.Optional.of(text), fast.value(), () -> "value of " + image);
        assertEquals(java.util.Optional.empty(), fast.comment(), () -> "comment of " + image);
        assertEquals(image.substring(0, 8).strip(), fast.keyword(), () -> "keyword of " + image);
        assertEquals(image, fast.image());
        HeaderCard nomTam;
        try {
            byte[] bytes = image.getBytes(StandardCharsets.ISO_8859_1);
            nomTam = NomTamCorpus.nomTam(() -> new HeaderCard(new FitsInputStream(new ByteArrayInputStream(bytes), bytes.length)));
        } catch (Exception e) {
            throw new AssertionError("nom-tam-fits cannot read " + image, e);
        }
        if (nomTam.isCommentStyleCard()) {
            assertEquals(nomTam.getKey(), fast.keyword(), () -> "nom-tam's keyword of " + image);
            assertEquals(java.util.Objects.toString(nomTam.getComment(), ""), text.strip(), () -> "nom-tam's text of " + image);
        } else {
            assertTrue(nomTamReadsAValueIn(image), () -> "nom-tam-fits reads a value in " + image);
        }
    }

    /**
     * The cards without a value in which nom-tam-fits 1.21.2 reads one: {@code =} in byte 9 without
     * the blank in byte 10 that makes it a value indicator (section 4.1.2.2; {@code EQ      =5}
     * is text), and a {@code CONTINUE} card read alone, which continues no string (section 4.2.1.2:
     * an "orphaned" CONTINUE is commentary text).
     */
    private static boolean nomTamReadsAValueIn(String image) {
        return image.startsWith("CONTINUE") || (image.charAt(8) == '=' && image.charAt(9) != ' ');
    }

    private static List<String> physicalCards(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (Fits fits = new Fits(file.toFile())) {
            for (BasicHDU<?> hdu : fits.read()) {
                Cursor<String, HeaderCard> it = hdu.getHeader().iterator();
                while (it.hasNext()) {
                    String text = it.next().toString();
                    for (int at = 0; at < text.length(); at += 80) {
                        out.add(text.substring(at, Math.min(text.length(), at + 80)));
                    }
                }
            }
        }
        return out;
    }

    private static String card(String text) {
        return String.format(Locale.ROOT, "%-80s", text).substring(0, 80);
    }

    private static final String[] KEYS = {"NAXIS1", "TSTART", "OBJECT", "DATE-OBS", "A_B", "X", "CRVAL2", "TTYPE12"};

    /** A card of a random form: logical, integer, real (E/D exponent, fixed or free), string (with quotes), with or without a comment. */
    private static String generated(Random r) {
        String key = KEYS[r.nextInt(KEYS.length)];
        if (r.nextInt(10) == 0) {
            return (r.nextBoolean() ? "COMMENT " : "HISTORY ") + " ".repeat(r.nextInt(4)) + text(r);
        }
        String value = switch (r.nextInt(6)) {
            case 0 -> r.nextBoolean() ? "T" : "F";
            case 1 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(18) + "f", (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 4));
            case 3 -> String.format(Locale.ROOT, "%." + r.nextInt(20) + "E", (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(80) - 40))
                    .replace('E', r.nextBoolean() ? 'E' : 'D');
            case 4 -> "'" + text(r).replace("'", "''") + "'";
            default -> Integer.toString(r.nextInt(2000) - 1000);
        };
        boolean fixed = r.nextBoolean() && !value.startsWith("'");
        String field = fixed ? String.format(Locale.ROOT, "%20s", value) : " ".repeat(r.nextInt(3)) + value;
        String comment = r.nextInt(3) == 0 ? "" : " ".repeat(r.nextInt(3)) + "/" + (r.nextBoolean() ? " " : "") + text(r);
        String card = String.format(Locale.ROOT, "%-8s= ", key) + field + comment;
        return card.length() > 80 ? card.substring(0, 80) : card;
    }

    private static String text(Random r) {
        String chars = "abc XYZ 0123 '/=&.-_()";
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(30); i > 0; i--) {
            s.append(chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }


    /** The fast reader's card, or null where it leaves the card to nom-tam-fits. */
    private static FitsCard orNull(org.astrocloud.fits.internal.cards.ParsedCard card) {
        return card == null ? null : FitsCard.from(card);
    }
}

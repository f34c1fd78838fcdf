package org.astrocloud.fits.internal.walk;

import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.internal.FormatErrors;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Reads the structural keywords of a header straight from its bytes, without parsing every
 * card: the fast path of the walk. Validates what the walk depends on (BITPIX, NAXIS, NAXISn,
 * PCOUNT, GCOUNT) and fails with {@link org.astrocloud.fits.error.InvalidKeywordException} naming the card's offset.
 */
public final class StructuralParser {
    private static final int MAX_NAXIS = 999;

    private final byte[] bytes;
    private final int cards;
    private final URI uri;
    private final int hdu;
    private final long offset;

    // what parse() has found so far
    private int bitpixCard = -1;
    private int naxisCard = -1;
    private long[] naxis;
    private long pcount = -1;
    private long gcount = -1;
    private boolean groups;
    private boolean zimage;

    private StructuralParser(byte[] bytes, int cards, URI uri, int hdu, long offset) {
        this.bytes = bytes;
        this.cards = cards;
        this.uri = uri;
        this.hdu = hdu;
        this.offset = offset;
    }

    /**
     * Parses the {@code cards} cards before END at the start of {@code bytes}.
     *
     * @param offset where the header starts in the file (for error messages)
     */
    public static HeaderStructure parse(byte[] bytes, int cards, URI uri, int hdu, long offset) {
        return new StructuralParser(bytes, cards, uri, hdu, offset).parse();
    }

    private HeaderStructure parse() {
        boolean primary = keywordIs(0, "SIMPLE");
        boolean conforming = !primary || logical(0, "SIMPLE").orElse(true);
        String xtension = primary ? null : xtension();
        for (int c = 1; c < cards; c++) {
            byte first = bytes[c * FitsBlocks.CARD_SIZE];
            // most cards start with another letter: the loop stays small, the checks are in visit()
            if (first == 'B' || first == 'N' || first == 'P' || first == 'G' || first == 'Z') {
                visit(c);
            }
        }
        if (bitpixCard < 0) {
            throw invalid(-1, "mandatory keyword BITPIX is missing");
        }
        int bitpix = bitpix(bitpixCard);
        if (naxis == null) {
            throw invalid(-1, "mandatory keyword NAXIS is missing");
        }
        for (int i = 0; i < naxis.length; i++) {
            if (naxis[i] < 0) {
                throw invalid(-1, "mandatory keyword NAXIS" + (i + 1) + " is missing");
            }
        }
        return new HeaderStructure(conforming, xtension, bitpix, naxis, Math.max(pcount, 0),
                gcount < 0 ? 1 : gcount, groups, zimage, cards);
    }

    /** Takes note of card {@code c} if it is a structural keyword; the first occurrence wins. */
    private void visit(int c) {
        if (keywordIs(c, "BITPIX")) {
            bitpixCard = bitpixCard < 0 ? c : bitpixCard;
        } else if (keywordIs(c, "NAXIS")) {
            naxis(c);
        } else if (startsWith(c, "NAXIS")) {
            axis(c);
        } else if (keywordIs(c, "PCOUNT")) {
            pcount = pcount < 0 ? nonNegative(c, "PCOUNT") : pcount;
        } else if (keywordIs(c, "GCOUNT")) {
            gcount = gcount < 0 ? nonNegative(c, "GCOUNT") : gcount;
        } else if (keywordIs(c, "GROUPS")) {
            groups = groups || logical(c, "GROUPS").orElse(false);
        } else if (keywordIs(c, "ZIMAGE")) {
            zimage = zimage || logical(c, "ZIMAGE").orElse(false);
        }
    }

    private void naxis(int c) {
        if (naxisCard >= 0) {
            return;
        }
        naxisCard = c;
        long n = integer(c, "NAXIS");
        if (n < 0 || n > MAX_NAXIS) {
            throw invalid(c, "NAXIS must be between 0 and 999, is " + n);
        }
        naxis = new long[(int) n];
        java.util.Arrays.fill(naxis, -1);
    }

    private void axis(int c) {
        if (naxis == null) {
            return;
        }
        String key = new String(bytes, c * FitsBlocks.CARD_SIZE, 8, StandardCharsets.ISO_8859_1).stripTrailing();
        int axis = axisNumber(key);
        if (axis >= 1 && axis <= naxis.length && naxis[axis - 1] < 0) {
            naxis[axis - 1] = nonNegative(c, key);
        }
    }

    private boolean startsWith(int card, String prefix) {
        return FitsBlocks.cardStartsWith(bytes, card * FitsBlocks.CARD_SIZE, prefix);
    }

    private static int axisNumber(String key) {
        if (key.length() <= 5 || key.length() > 8) {
            return -1;
        }
        int n = 0;
        for (int i = 5; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    private int bitpix(int card) {
        long b = integer(card, "BITPIX");
        if (b != 8 && b != 16 && b != 32 && b != 64 && b != -32 && b != -64) {
            throw invalid(card, "BITPIX must be one of 8, 16, 32, 64, -32, -64; is " + b);
        }
        return (int) b;
    }

    private String xtension() {
        String field = valueField(0);
        if (field.startsWith("'")) {
            int end = field.indexOf('\'', 1);
            if (end > 0) {
                return field.substring(1, end).stripTrailing();
            }
        }
        throw invalid(0, "XTENSION must be a quoted string, is " + field);
    }

    /** Whether card {@code card}'s keyword is exactly {@code keyword} (blank-padded to 8 columns). */
    private boolean keywordIs(int card, String keyword) {
        if (!startsWith(card, keyword)) {
            return false;
        }
        int at = card * FitsBlocks.CARD_SIZE;
        for (int i = keyword.length(); i < 8; i++) {
            if (bytes[at + i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The value field of a card: columns 11-80 up to a comment, trimmed. */
    private String valueField(int card) {
        int at = card * FitsBlocks.CARD_SIZE;
        if (bytes[at + 8] != '=' || bytes[at + 9] != ' ') {
            return "";
        }
        String text = new String(bytes, at + 10, FitsBlocks.CARD_SIZE - 10, StandardCharsets.ISO_8859_1);
        if (text.stripLeading().startsWith("'")) {
            return text.strip();
        }
        int slash = text.indexOf('/');
        return (slash < 0 ? text : text.substring(0, slash)).strip();
    }

    private long integer(int card, String key) {
        String field = valueField(card);
        try {
            return Long.parseLong(field.startsWith("+") ? field.substring(1) : field);
        } catch (NumberFormatException e) {
            throw invalid(card, key + " must be an integer, is '" + field + "'");
        }
    }

    private long nonNegative(int card, String key) {
        long v = integer(card, key);
        if (v < 0) {
            throw invalid(card, key + " must not be negative, is " + v);
        }
        return v;
    }

    private java.util.Optional<Boolean> logical(int card, String key) {
        String field = valueField(card);
        return switch (field) {
            case "T" -> java.util.Optional.of(true);
            case "F" -> java.util.Optional.of(false);
            default -> java.util.Optional.empty();
        };
    }

    private RuntimeException invalid(int card, String detail) {
        return FormatErrors.invalidKeyword(detail, uri, hdu,
                card < 0 ? offset : offset + (long) card * FitsBlocks.CARD_SIZE);
    }
}

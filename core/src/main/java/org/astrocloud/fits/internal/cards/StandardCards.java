package org.astrocloud.fits.internal.cards;

import org.astrocloud.fits.internal.FitsBlocks;
/**
 * A fast reader for the card forms that make up nearly every real header: commentary cards and
 * {@code KEYWORD = value / comment} cards whose value is a string, a logical, an integer, a real
 * or undefined (FITS 4.0, section 4.2). It returns {@code null} for everything else (HIERARCH,
 * long strings, complex values, anything unusual or malformed), which nom-tam-fits then reads.
 * Cards without a value are read as text, bytes 9-80 as written (see {@code FitsCard.text()}).
 *
 * <p>Why it exists: read card by card, nom-tam-fits allocates a 23,040-byte buffer for each card's
 * input stream and takes several microseconds per card, so a TESS cube's 594 cards cost more CPU
 * than fetching them; this reader is about 20 times faster on TESS headers (BENCHMARKS.md).
 * Whatever value this class reads, nom-tam-fits reads the same way ({@code StandardCardsAgreementTest}
 * checks every card of the test corpus, edge forms and generated cards), with two deliberate
 * exceptions: a real without an integer part ({@code .5}), which FITS allows (section 4.2.4) and
 * nom-tam-fits 1.21.2 reads as an empty string, is read here as the standard says; so is a value
 * field of blanks only (undefined, section 4.1.2.3), which nom-tam-fits reads as an empty string.
 * Text is read here alone, for nom-tam-fits drops its leading blanks.
 */
public final class StandardCards {
    private static final int CARD = FitsBlocks.CARD_SIZE;
    private static final int VALUE_START = 10;
    private static final int MAX_LONG_DIGITS = 18;
    private static final int MAX_REAL_DIGITS = 20;
    private static final String HIERARCH = "HIERARCH";
    private static final String BLANK_KEYWORD = "        ";

    private StandardCards() {
    }

    /**
     * The card at {@code bytes[at]}, or {@code null} when nom-tam-fits should read it. A card
     * without a value (see {@link #isValued}) is read as text, a {@code CONTINUE} card included:
     * the caller groups the continuations of long strings, so one that reaches this method
     * continues nothing.
     */
    public static ParsedCard parse(byte[] bytes, int at) {
        int keyEnd = keywordEnd(bytes, at);
        if (keyEnd < 0 || FitsBlocks.cardStartsWith(bytes, at, HIERARCH)) {
            return null;
        }
        String keyword = ascii(bytes, at, keyEnd);
        if (!isValued(bytes, at)) {
            return text(bytes, at, keyword);
        }
        return valued(bytes, at, keyword);
    }

    /**
     * Whether the card at {@code at} has a value: {@code "= "} in bytes 9-10 (FITS 4.0, section
     * 4.1.2.2) and a keyword other than {@code COMMENT}, {@code HISTORY} and blank, which have none
     * whatever bytes 9-10 hold (section 4.4.2.4), and other than {@code CONTINUE}, whose string is
     * part of the card it continues or else commentary text (section 4.2.1.2). {@code HIERARCH}
     * cards, a convention of their own, are not valued in this sense.
     */
    public static boolean isValued(byte[] bytes, int at) {
        return bytes[at + 8] == '=' && bytes[at + 9] == ' ' && !FitsBlocks.cardStartsWith(bytes, at, "COMMENT ")
                && !FitsBlocks.cardStartsWith(bytes, at, "HISTORY ") && !FitsBlocks.cardStartsWith(bytes, at, BLANK_KEYWORD)
                && !FitsBlocks.cardStartsWith(bytes, at, "CONTINUE") && !FitsBlocks.cardStartsWith(bytes, at, HIERARCH);
    }

    /** End of the keyword (exclusive), or -1 when columns 1-8 are not a standard keyword or the card is not printable ASCII. */
    private static int keywordEnd(byte[] bytes, int at) {
        for (int i = at; i < at + CARD; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                return -1;
            }
        }
        int end = at + 8;
        while (end > at && bytes[end - 1] == ' ') {
            end--;
        }
        for (int i = at; i < end; i++) {
            byte b = bytes[i];
            if (!((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_')) {
                return -1;
            }
        }
        return end;
    }

    /** A card without a value: its text is bytes 9-80 as written, only trailing blanks removed. */
    private static ParsedCard text(byte[] bytes, int at, String keyword) {
        int end = at + CARD;
        while (end > at + 8 && bytes[end - 1] == ' ') {
            end--;
        }
        return ParsedCard.text(keyword, ascii(bytes, at + 8, end), image(bytes, at));
    }

    private static ParsedCard valued(byte[] bytes, int at, String keyword) {
        int end = at + CARD;
        int i = skipBlanks(bytes, at + VALUE_START, end);
        if (i == end || bytes[i] == '/') {
            // a null value field: the value is undefined (section 4.1.2.3); nom-tam 1.21.2 reads an empty string when no comment follows
            String comment = i == end ? "" : ascii(bytes, i + 1, end).strip();
            return new ParsedCard(keyword, null, comment.isEmpty() ? null : comment, image(bytes, at));
        }
        Object value;
        int after;
        byte first = bytes[i];
        if (first == '\'') {
            StringBuilder s = new StringBuilder();
            after = string(bytes, i + 1, end, s);
            if (after < 0) {
                return null;
            }
            int trimmed = s.length();
            while (trimmed > 0 && s.charAt(trimmed - 1) == ' ') {
                trimmed--;
            }
            s.setLength(trimmed);
            if (trimmed > 0 && s.charAt(trimmed - 1) == '&') {
                return null;  // a long-string marker: nom-tam joins CONTINUE cards
            }
            value = s.toString();
        } else {
            after = i;
            while (after < end && bytes[after] != ' ' && bytes[after] != '/') {
                after++;
            }
            value = scalar(bytes, i, after);
            if (value == null) {
                return null;
            }
        }
        String comment = comment(bytes, after, end);
        if (comment == null) {
            return null;
        }
        return new ParsedCard(keyword, value, comment.isEmpty() ? null : comment, image(bytes, at));
    }

    /** Reads a quoted string's content from {@code i} (after the opening quote); the index after the closing quote, or -1. */
    private static int string(byte[] bytes, int i, int end, StringBuilder out) {
        while (i < end) {
            byte b = bytes[i];
            if (b == '\'') {
                if (i + 1 < end && bytes[i + 1] == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            out.append((char) b);
            i++;
        }
        return -1;
    }

    /** The comment after the value: "" for none, null when something other than blanks and a comment follows. */
    private static String comment(byte[] bytes, int i, int end) {
        i = skipBlanks(bytes, i, end);
        if (i == end) {
            return "";
        }
        if (bytes[i] != '/') {
            return null;
        }
        return ascii(bytes, i + 1, end).strip();
    }

    /** A logical, integer or real written from {@code from} to {@code to}; null for anything else. */
    private static Object scalar(byte[] bytes, int from, int to) {
        int len = to - from;
        if (len == 1 && (bytes[from] == 'T' || bytes[from] == 'F')) {
            return bytes[from] == 'T';
        }
        int i = from;
        if (bytes[i] == '+' || bytes[i] == '-') {
            i++;
        }
        int digitsStart = i;
        while (i < to && isDigit(bytes[i])) {
            i++;
        }
        int intDigits = i - digitsStart;
        if (i == to) {
            if (intDigits == 0 || intDigits > MAX_LONG_DIGITS) {
                return null;
            }
            return Long.parseLong(ascii(bytes, from, to));
        }
        int fracDigits = 0;
        if (bytes[i] == '.') {
            i++;
            int f = i;
            while (i < to && isDigit(bytes[i])) {
                i++;
            }
            fracDigits = i - f;
        }
        if (intDigits + fracDigits == 0) {
            return null;
        }
        boolean exponent = i < to && (bytes[i] == 'E' || bytes[i] == 'D');
        if (exponent) {
            i++;
            if (i < to && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int e = i;
            while (i < to && isDigit(bytes[i])) {
                i++;
            }
            if (i == e) {
                return null;
            }
        }
        if (i != to || intDigits + fracDigits > MAX_REAL_DIGITS) {
            return null;  // not a plain real, or more digits than a double holds: nom-tam decides
        }
        double d = Double.parseDouble(ascii(bytes, from, to).replace('D', 'E'));
        if (!Double.isFinite(d)) {
            return null;
        }
        return d == 0 ? 0.0 : d;   // nom-tam-fits reads -0.0 as 0.0
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int skipBlanks(byte[] bytes, int i, int end) {
        while (i < end && bytes[i] == ' ') {
            i++;
        }
        return i;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String image(byte[] bytes, int at) {
        return ascii(bytes, at, at + CARD);
    }
}

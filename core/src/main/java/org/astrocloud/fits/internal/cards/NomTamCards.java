package org.astrocloud.fits.internal.cards;

import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.value.FitsComplex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.HeaderCardException;
import nom.tam.util.ComplexValue;
import nom.tam.util.FitsInputStream;

/**
 * Parses and renders card images with nom-tam-fits. The only class that touches nom-tam-fits.
 * Cards of the common forms are read by {@link StandardCards} first; nom-tam-fits reads the rest.
 *
 * <p>nom-tam-fits keeps its parser settings in global statics; this class never changes them.
 * Each call switches the calling thread to nom-tam's thread-local settings, sets what it needs
 * (HIERARCH and long strings on), and switches the thread back before returning.
 */
public final class NomTamCards {
    private static final String CONTINUE = "CONTINUE";
    private static final String HIERARCH = "HIERARCH";
    private static final String HIERARCH_PREFIX = "HIERARCH.";
    private static final int CARD = FitsBlocks.CARD_SIZE;
    private static final int TEXT_LENGTH = CARD - 8;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern KEYWORD = Pattern.compile("[A-Z0-9_-]{1,8}");

    private NomTamCards() {
    }

    /**
     * Parses {@code cards} physical cards starting at {@code bytes[0]} into logical cards. A card
     * nom-tam-fits cannot read is kept with its image and keyword, without a value.
     */
    public static List<ParsedCard> parse(byte[] bytes, int cards) {
        return withLocalSettings(() -> {
            List<ParsedCard> out = new ArrayList<>(cards);
            int i = 0;
            while (i < cards) {
                int n = 1 + continuationsOf(bytes, i, cards);
                // nom-tam reads each card we do not from a stream holding exactly that card's physical
                // cards, so that it can never read into the next card (it joins a long string as we group it)
                ParsedCard card = n > 1 ? longString(bytes, i, n) : StandardCards.parse(bytes, i * CARD);
                out.add(card != null ? card : parseCard(image(bytes, i, 1)));
                i += n;
            }
            return out;
        });
    }

    /**
     * A long string of {@code n} cards from card {@code card}: its value as nom-tam-fits joins it,
     * its comment the comments of its cards, each stripped, joined by one blank (the standard's
     * example of a comment continued over several cards, section 4.2.1.2, reads as one sentence;
     * nom-tam-fits keeps each card's trailing blanks inside the comment).
     */
    private static ParsedCard longString(byte[] bytes, int card, int n) {
        ParsedCard joined = parseCard(image(bytes, card, n));
        StringBuilder comment = new StringBuilder();
        for (int c = card; c < card + n; c++) {
            int at = c * CARD;
            int k = closingQuote(bytes, at) + 1;
            while (k < at + CARD && bytes[k] == ' ') {
                k++;
            }
            String piece = k < at + CARD ? new String(bytes, k + 1, at + CARD - k - 1, StandardCharsets.ISO_8859_1).strip() : "";
            if (!piece.isEmpty()) {
                comment.append(comment.length() == 0 ? "" : " ").append(piece);
            }
        }
        return new ParsedCard(joined.keyword(), joined.value(), comment.length() == 0 ? null : comment.toString(),
                joined.image());
    }

    private static String image(byte[] bytes, int card, int n) {
        return new String(bytes, card * CARD, n * CARD, StandardCharsets.ISO_8859_1);
    }

    private static ParsedCard unreadable(String image) {
        return new ParsedCard(image.substring(0, 8).trim(), null, null, image);
    }

    /** Renders a new card in the fixed format where FITS has one (see {@code FitsCard.of}). */
    public static ParsedCard render(String keyword, Object value, String comment) {
        if (ParsedCard.isCommentaryKeyword(keyword)) {
            return renderText(keyword, value, comment);
        }
        if (value instanceof FitsComplexInteger c) {
            return renderComplexInteger(keyword, c, comment);
        }
        // a finite double as its shortest decimal: nom-tam-fits would keep fewer digits than fit
        Object exact = value instanceof Double d && Double.isFinite(d) ? new java.math.BigDecimal(Double.toString(d))
                : value instanceof Float f && Float.isFinite(f) ? new java.math.BigDecimal(Float.toString(f)) : value;
        String image = withLocalSettings(() -> {
            try {
                return newCard(keyword, exact, comment).toString();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot write card " + keyword + ": " + e.getMessage(), e);
            }
        });
        ParsedCard card = reread(keyword, image);
        if (comment != null && !comment.isBlank() && !comment.strip().equals(card.comment())) {
            // nom-tam-fits cuts a comment that does not fit; FitsCard.of leaves it out (found by FitsCardFuzzTest)
            return render(keyword, value, null);
        }
        return card;
    }

    /**
     * The card written as {@code image}, read as {@link #parse} reads it in a header, so that a card
     * written reads back as it was written (nom-tam-fits alone read an undefined value as an empty
     * string; found by FitsCardFuzzTest); a card that does not read back as one card cannot be written.
     */
    private static ParsedCard reread(String keyword, String image) {
        byte[] bytes = image.getBytes(StandardCharsets.ISO_8859_1);
        List<ParsedCard> cards = parse(bytes, bytes.length / CARD);
        if (cards.size() != 1) {
            // nom-tam-fits wrote physical cards that do not read back as one card (found by FitsCardFuzzTest)
            throw new IllegalArgumentException("cannot write card " + keyword + ": it is written as "
                    + cards.size() + " cards that do not read back as one: " + image);
        }
        return cards.get(0);
    }

    /** A commentary card: the text from byte 9, as it is. */
    private static ParsedCard renderText(String keyword, Object value, String comment) {
        if (comment != null || !(value == null || value instanceof String)) {
            throw new IllegalArgumentException("a " + (keyword.isEmpty() ? "blank-keyword" : keyword)
                    + " card holds text only: a string and no comment");
        }
        String text = value == null ? "" : (String) value;
        if (text.length() > TEXT_LENGTH || !printable(text)) {
            throw new IllegalArgumentException("commentary text must be at most 72 printable ASCII characters: " + text);
        }
        return parseWithNomTam(String.format(Locale.ROOT, "%-8s%-72s", keyword, text));
    }

    /**
     * A complex integer card, which nom-tam-fits cannot write (its complex values are reals): the
     * value ends in byte 30 as a fixed-format number would (FITS has no fixed format for complex
     * values, section 4.2.5), or starts in byte 11 to make room for the comment; a comment that
     * still does not fit is left out, as nom-tam-fits does.
     */
    private static ParsedCard renderComplexInteger(String keyword, FitsComplexInteger value, String comment) {
        if (!KEYWORD.matcher(keyword).matches() || (comment != null && !printable(comment))) {
            throw new IllegalArgumentException("cannot write card " + keyword + ": a keyword of 1-8 of A-Z, 0-9, _ and -"
                    + " and a comment of printable ASCII are needed for a complex integer");
        }
        String fixed = String.format(Locale.ROOT, "%-8s= %20s", keyword, value);
        String image = fixed;
        if (comment != null) {
            String tail = " / " + comment;
            String free = String.format(Locale.ROOT, "%-8s= %s", keyword, value);
            image = fixed.length() + tail.length() <= CARD ? fixed + tail
                    : free.length() + tail.length() <= CARD ? free + tail : fixed;
        }
        return parseWithNomTam(String.format(Locale.ROOT, "%-80s", image));
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static HeaderCard newCard(String keyword, Object value, String comment) throws HeaderCardException {
        if (value == null) {
            return new HeaderCard(keyword, (String) null, comment);
        }
        if (value instanceof Boolean b) {
            return new HeaderCard(keyword, b, comment);
        }
        if (value instanceof Number n) {
            return new HeaderCard(keyword, n, comment);
        }
        if (value instanceof String s) {
            return new HeaderCard(keyword, s, comment);
        }
        if (value instanceof FitsComplex c) {
            return new HeaderCard(keyword, new ComplexValue(c.re(), c.im()), comment);
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
    }

    /**
     * How many CONTINUE cards continue the string of card {@code i} (FITS 4.0, section 4.2.1.2):
     * while the string of a valued card, then of each CONTINUE, ends in {@code &} (blanks may
     * follow it) and the next card is a conforming CONTINUE (blanks in bytes 9-10, a string, then
     * nothing or a comment). A CONTINUE card itself starts no long string.
     */
    private static int continuationsOf(byte[] bytes, int i, int cards) {
        if (i + 1 == cards || !FitsBlocks.cardStartsWith(bytes, (i + 1) * CARD, CONTINUE)
                || !StandardCards.isValued(bytes, i * CARD)) {
            return 0;   // the common case, decided without scanning the value
        }
        int n = 0;
        while (i + n + 1 < cards && isContinuation(bytes, i + n + 1) && endsWithAmpersand(bytes, i + n)) {
            n++;
        }
        return n;
    }

    private static boolean isContinuation(byte[] bytes, int card) {
        int at = card * CARD;
        return FitsBlocks.cardStartsWith(bytes, at, CONTINUE) && bytes[at + 8] == ' ' && bytes[at + 9] == ' '
                && closingQuote(bytes, at) >= 0;
    }

    /** Whether the string value on card {@code card} ends with the long-string marker {@code &} (blanks may follow it). */
    private static boolean endsWithAmpersand(byte[] bytes, int card) {
        int q = closingQuote(bytes, card * CARD);
        if (q < 0) {
            return false;
        }
        int k = q - 1;
        while (bytes[k] == ' ') {   // stops at the opening quote at the latest
            k--;
        }
        return bytes[k] == '&';
    }

    /**
     * The index of the closing quote of the string that is the value in bytes 11-80 of the card
     * at {@code at} (blanks before it; after it blanks, or a comment after {@code /}), or -1.
     */
    private static int closingQuote(byte[] bytes, int at) {
        int end = at + CARD;
        int k = at + 10;
        while (k < end && bytes[k] == ' ') {
            k++;
        }
        if (k == end || bytes[k] != '\'') {
            return -1;
        }
        for (k++; k < end; k++) {
            if (bytes[k] == '\'') {
                if (k + 1 < end && bytes[k + 1] == '\'') {
                    k++;
                    continue;
                }
                int q = k;
                for (k++; k < end && bytes[k] == ' '; k++) {
                    // blanks between the string and a comment
                }
                return k == end || bytes[k] == '/' ? q : -1;
            }
        }
        return -1;
    }

    /** One logical card (a card and its CONTINUE cards) read by nom-tam-fits alone. */
    public static ParsedCard parseWithNomTam(String image) {
        return withLocalSettings(() -> parseCard(image));
    }

    /**
     * One logical card. A single card without a value is text, bytes 9-80 as written (nom-tam-fits
     * would drop the leading blanks, and would read a value after {@code "="} without the blank
     * that makes it a value indicator, or a CONTINUE that continues nothing).
     */
    private static ParsedCard parseCard(String image) {
        byte[] bytes = image.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == CARD && !FitsBlocks.cardStartsWith(bytes, 0, HIERARCH) && !StandardCards.isValued(bytes, 0)) {
            return text(image);
        }
        try {
            return toCard(new HeaderCard(new FitsInputStream(new ByteArrayInputStream(bytes), bytes.length)), image);
        } catch (IOException | RuntimeException e) {
            return unreadable(image);
        }
    }

    private static ParsedCard text(String image) {
        return ParsedCard.text(image.substring(0, 8).strip(), image.substring(8).stripTrailing(), image);
    }

    private static ParsedCard toCard(HeaderCard card, String image) {
        return new ParsedCard(keywordOf(card), valueOf(card), commentOf(card), image);
    }

    private static String keywordOf(HeaderCard card) {
        String key = card.getKey();
        if (key.startsWith(HIERARCH_PREFIX)) {
            return key.substring(HIERARCH_PREFIX.length()).replace('.', ' ');
        }
        return key;
    }

    private static String commentOf(HeaderCard card) {
        if (card.isCommentStyleCard()) {
            return null;
        }
        String c = card.getComment();
        return c == null || c.isBlank() ? null : c.strip();
    }

    private static Object valueOf(HeaderCard card) {
        if (card.isCommentStyleCard()) {
            // a card with a value indicator whose value nom-tam cannot read (such as .5 in 1.21.2)
            String text = card.getComment();
            return text == null ? "" : text;
        }
        Class<?> type = card.valueType();
        String raw = card.getValue();
        if (type == null || raw == null || (type != String.class && raw.isBlank())) {
            return null;
        }
        if (type == String.class) {
            return raw;
        }
        if (type == Boolean.class) {
            return card.getValue(Boolean.class, null);
        }
        if (type == BigInteger.class) {
            BigInteger big = card.getValue(BigInteger.class, null);
            return big != null && big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return card.getValue(Long.class, null);
        }
        if (type == Float.class || type == Double.class || type == BigDecimal.class) {
            return card.getValue(Double.class, null);
        }
        if (type == ComplexValue.class) {
            return complex(card, raw.strip());
        }
        return raw.strip();
    }

    /**
     * A complex value: a {@link FitsComplexInteger} when both parts are written as integers (FITS
     * 4.0, section 4.2.5) that fit in a {@code long}, else a {@link FitsComplex} (section 4.2.6),
     * or the text if nom-tam-fits cannot make numbers of it.
     */
    private static Object complex(HeaderCard card, String raw) {
        int comma = raw.indexOf(',');
        if (raw.startsWith("(") && raw.endsWith(")") && comma > 0) {
            String re = raw.substring(1, comma).strip();
            String im = raw.substring(comma + 1, raw.length() - 1).strip();
            if (INTEGER.matcher(re).matches() && INTEGER.matcher(im).matches()) {
                try {
                    return new FitsComplexInteger(Long.parseLong(re), Long.parseLong(im));
                } catch (NumberFormatException beyond64Bits) {
                    // read as a complex real below
                }
            }
        }
        try {
            ComplexValue c = card.getValue(ComplexValue.class, null);
            return c == null ? raw : new FitsComplex(c.re(), c.im());
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static <T> T withLocalSettings(Supplier<T> work) {
        FitsFactory.useThreadLocalSettings(true);
        try {
            FitsFactory.setUseHierarch(true);
            FitsFactory.setLongStringsEnabled(true);
            return work.get(); // non-blocking: a Supplier run in place
        } finally {
            FitsFactory.useThreadLocalSettings(false);
        }
    }
}

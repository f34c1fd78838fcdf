package org.astrocloud.fits;

import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.value.FitsComplex;
import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.internal.cards.NomTamCards;
import org.astrocloud.fits.internal.cards.ParsedCard;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One logical header card: a keyword, its typed value and comment, and the card image as it
 * stands in the file. A long string written with {@code CONTINUE} cards is one logical card made
 * of several physical 80-character cards ({@link #physicalCards()}).
 *
 * <p>Values are typed as FITS defines them (FITS 4.0, section 4.2): {@link Boolean} for logicals,
 * {@link Long} for integers ({@link BigInteger} beyond 64 bits), {@link Double} for reals,
 * {@link String} for strings (leading blanks kept, trailing blanks removed),
 * {@link FitsComplexInteger} for complex integers and {@link FitsComplex} for other complex values.
 * A keyword whose value field is empty (undefined) has an empty {@link #value()}. {@code HIERARCH}
 * keywords are named without the {@code HIERARCH} prefix, words separated by one blank
 * ({@code ESO DET CHIP ID}).
 *
 * <p>A card without a value carries text instead ({@link #text()}, also its string value): bytes 9
 * to 80 of the card exactly as written, only trailing blanks removed, so indented and aligned text
 * keeps its leading blanks. These are the commentary keywords {@code COMMENT}, {@code HISTORY}
 * and blank, even with {@code "= "} in bytes 9-10 (section 4.4.2.4); any other keyword without
 * {@code "= "} in bytes 9-10 (section 4.1.2.3: those bytes "should be interpreted as commentary
 * text"); and a {@code CONTINUE} card that continues no string (section 4.2.1.2, an "orphaned"
 * CONTINUE).
 *
 * <pre>{@code
 * FitsCard card = FitsCard.of("SECTOR", 22L, "Observing sector");
 * card.longValue();   // OptionalLong[22]
 * card.image();       // "SECTOR  =                   22 / Observing sector    ..."
 * }</pre>
 */
public final class FitsCard {
    private final String keyword;
    private final Object value;
    private final String comment;
    private final String image;
    private final boolean text;

    FitsCard(String keyword, Object value, String comment, String image) {
        this(keyword, value, comment, image, false);
    }

    private FitsCard(String keyword, Object value, String comment, String image, boolean text) {
        this.keyword = Objects.requireNonNull(keyword, "keyword");
        this.value = value;
        this.comment = comment;
        this.image = Objects.requireNonNull(image, "image");
        this.text = text;
    }

    /** A card without a value: {@code text} is bytes 9-80 of {@code image} without trailing blanks. */
    /** The card a card reader read. */
    static FitsCard from(ParsedCard card) {
        return new FitsCard(card.keyword(), card.value(), card.comment(), card.image(), card.text());
    }

    static FitsCard text(String keyword, String text, String image) {
        return new FitsCard(keyword, Objects.requireNonNull(text, "text"), null, image, true);
    }

    /**
     * A new card, rendered in the FITS fixed format where there is one. {@code value} is a
     * {@link Boolean}, {@link Number}, {@link String}, {@link FitsComplex},
     * {@link FitsComplexInteger}, or {@code null} for an undefined value. For {@code COMMENT},
     * {@code HISTORY} and the blank keyword, {@code value} is the text (a {@link String} of at
     * most 72 characters, or {@code null} for none), written from byte 9 as it is, and
     * {@code comment} must be {@code null}. A comment that does not fit is left out, as nom-tam-fits
     * does.
     *
     * @throws IllegalArgumentException if the card cannot be written as FITS
     */
    public static FitsCard of(String keyword, Object value, String comment) {
        return from(NomTamCards.render(keyword, value, comment));
    }

    /** The keyword, upper case as written; blank for a blank-keyword commentary card. */
    public String keyword() {
        return keyword;
    }

    /** The typed value, or the text of a card without a value; empty for an undefined value. */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The text of a card without a value (see the class comment): bytes 9-80 as written, trailing
     * blanks removed; empty for a card with a value or an undefined one.
     */
    public Optional<String> text() {
        return text ? Optional.of((String) value) : Optional.empty();
    }

    /** The value if it is a string, or the text of a card without a value. */
    public Optional<String> stringValue() {
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The value if it is an integer that fits in a {@code long}. */
    public OptionalLong longValue() {
        return value instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    /** The value if it is a number (integers are widened). */
    public OptionalDouble doubleValue() {
        return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** The value if it is complex ({@link FitsComplexInteger}s are widened). */
    public Optional<FitsComplex> complexValue() {
        if (value instanceof FitsComplex c) {
            return Optional.of(c);
        }
        return value instanceof FitsComplexInteger c ? Optional.of(c.toComplex()) : Optional.empty();
    }

    /** The value if it is a logical. */
    public Optional<Boolean> booleanValue() {
        return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** The comment after the value, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /**
     * Whether this is a {@code COMMENT}, {@code HISTORY} or blank-keyword card (the commentary
     * keywords of FITS 4.0, section 4.4.2.4; other cards may carry text too, see {@link #text()}).
     */
    public boolean isCommentary() {
        return isCommentaryKeyword(keyword);
    }

    /** Whether {@code keyword} (trimmed) names a commentary card: COMMENT, HISTORY or blank. */
    public static boolean isCommentaryKeyword(String keyword) {
        return ParsedCard.isCommentaryKeyword(keyword);
    }

    /** The card image: 80 characters per physical card. */
    public String image() {
        return image;
    }

    /** How many 80-character cards this card occupies in the header (more than one with CONTINUE). */
    public int physicalCards() {
        return image.length() / FitsBlocks.CARD_SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitsCard c && keyword.equals(c.keyword) && Objects.equals(value, c.value)
                && Objects.equals(comment, c.comment) && image.equals(c.image) && text == c.text;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyword, value, comment, image, text);
    }

    @Override
    public String toString() {
        return image.stripTrailing();
    }
}

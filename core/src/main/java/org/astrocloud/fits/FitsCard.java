package org.astrocloud.fits;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One logical header card: a keyword, its typed value and comment, and the card image as it
 * stands in the file. A long string written with {@code CONTINUE} cards is one logical card made
 * of several physical 80-character cards ({@link #physicalCards()}).
 *
 * <p>Values are typed as FITS defines them: {@link Boolean} for logicals, {@link Long} for
 * integers ({@link BigInteger} beyond 64 bits), {@link Double} for reals, {@link String} for
 * strings (trailing blanks removed) and for complex values (their text). Commentary cards
 * ({@code COMMENT}, {@code HISTORY}, blank keyword) carry their text as a string value. A
 * keyword with no value (undefined) has an empty {@link #value()}. {@code HIERARCH} keywords are
 * named without the {@code HIERARCH} prefix, words separated by one blank ({@code ESO DET CHIP ID}).
 *
 * <pre>{@code
 * FitsCard card = FitsCard.of("SECTOR", 22L, "Observing sector");
 * card.longValue();   // OptionalLong[22]
 * card.image();       // "SECTOR  =                   22 / Observing sector    ..."
 * }</pre>
 */
public final class FitsCard {
    private static final Set<String> COMMENTARY = Set.of("COMMENT", "HISTORY", "");

    private final String keyword;
    private final Object value;
    private final String comment;
    private final String image;

    FitsCard(String keyword, Object value, String comment, String image) {
        this.keyword = Objects.requireNonNull(keyword, "keyword");
        this.value = value;
        this.comment = comment;
        this.image = Objects.requireNonNull(image, "image");
    }

    /**
     * A new card, rendered in the FITS fixed format. {@code value} is a {@link Boolean},
     * {@link Number}, {@link String}, or {@code null} for an undefined value.
     *
     * @throws IllegalArgumentException if the card cannot be written as FITS
     */
    public static FitsCard of(String keyword, Object value, String comment) {
        return NomTamCards.render(keyword, value, comment);
    }

    /** The keyword, upper case as written; blank for a blank-keyword commentary card. */
    public String keyword() {
        return keyword;
    }

    /** The typed value; empty for an undefined value. */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /** The value if it is a string (or commentary text). */
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

    /** The value if it is a logical. */
    public Optional<Boolean> booleanValue() {
        return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** The comment after the value, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** Whether this is a {@code COMMENT}, {@code HISTORY} or blank-keyword card. */
    public boolean isCommentary() {
        return isCommentaryKeyword(keyword);
    }

    /** Whether {@code keyword} (trimmed) names a commentary card: COMMENT, HISTORY or blank. */
    static boolean isCommentaryKeyword(String keyword) {
        return COMMENTARY.contains(keyword);
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
                && Objects.equals(comment, c.comment) && image.equals(c.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyword, value, comment, image);
    }

    @Override
    public String toString() {
        return image.stripTrailing();
    }
}

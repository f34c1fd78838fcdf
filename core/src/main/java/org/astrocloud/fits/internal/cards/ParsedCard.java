package org.astrocloud.fits.internal.cards;

import java.util.Set;

/**
 * One logical card as the card readers read it, before the API wraps it in a {@code FitsCard}.
 *
 * @param keyword the keyword, blank for a blank-keyword card, HIERARCH words without the prefix
 * @param value the typed value ({@code Boolean}, {@code Long}, {@code BigInteger}, {@code Double},
 *              {@code String}, {@code FitsComplex}, {@code FitsComplexInteger}), the text of a
 *              text card, or {@code null} when undefined
 * @param comment the comment, or {@code null}
 * @param image the card image, 80 characters per physical card
 * @param text whether this is a text card (no value: bytes 9-80 as written)
 */
public record ParsedCard(String keyword, Object value, String comment, String image, boolean text) {
    private static final Set<String> COMMENTARY = Set.of("COMMENT", "HISTORY", "");

    /** A card with a value (or an undefined one). */
    public ParsedCard(String keyword, Object value, String comment, String image) {
        this(keyword, value, comment, image, false);
    }

    /** A text card: {@code text} is bytes 9-80 without trailing blanks. */
    public static ParsedCard text(String keyword, String text, String image) {
        return new ParsedCard(keyword, text, null, image, true);
    }

    /** Whether {@code keyword} (trimmed) names a commentary card: COMMENT, HISTORY or blank. */
    public static boolean isCommentaryKeyword(String keyword) {
        return COMMENTARY.contains(keyword);
    }
}

package org.astrocloud.fits.spi.support;

import org.astrocloud.fits.spi.ByteRange;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed HTTP {@code Content-Range} header of a byte range: {@code bytes first-last/total},
 * {@code bytes first-last/*} (total unknown) or {@code bytes *}{@code /total} (the answer to an
 * unsatisfiable range). The counterpart of {@link ByteRange#toHttpRange()}: the one place where
 * range answers are read, for every source.
 *
 * <pre>{@code
 * ContentRange.parse("bytes 0-65535/44316717120").get().total();   // OptionalLong[44316717120]
 * }</pre>
 *
 * @param first the first byte sent, or -1 for an unsatisfied range
 * @param last the last byte sent (inclusive), or -1 for an unsatisfied range
 * @param total the object's size, or -1 when the server says {@code *} (never for an unsatisfied range)
 */
public record ContentRange(long first, long last, long total) {

    /** Checks that the numbers describe a range. */
    public ContentRange {
        boolean unsatisfied = first == -1 && last == -1;
        if (!unsatisfied && (first < 0 || last < first)) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
        if (total < -1 || (total >= 0 && !unsatisfied && last >= total)) {
            throw new IllegalArgumentException("range " + first + "-" + last + " does not fit the total " + total);
        }
        if (unsatisfied && total < 0) {
            throw new IllegalArgumentException("an unsatisfied range (bytes */...) needs the object's size");
        }
    }

    /** Parses a {@code Content-Range} value; empty when it is absent or malformed. */
    public static Optional<ContentRange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (!v.toLowerCase(Locale.ROOT).startsWith("bytes ")) {
            return Optional.empty();
        }
        v = v.substring(6).trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        try {
            String range = v.substring(0, slash).trim();
            String totalText = v.substring(slash + 1).trim();
            long total = totalText.equals("*") ? -1 : number(totalText);
            if (range.equals("*")) {
                return Optional.of(new ContentRange(-1, -1, total));   // bytes */* is refused there
            }
            int dash = range.indexOf('-');
            if (dash <= 0) {
                return Optional.empty();
            }
            return Optional.of(new ContentRange(number(range.substring(0, dash).trim()),
                    number(range.substring(dash + 1).trim()), total));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A position or length as RFC 9110 writes it, {@code 1*DIGIT}: ASCII digits only, no sign
     * ({@code Long.parseLong} alone would take {@code +57} and digits of other scripts).
     *
     * @throws NumberFormatException if {@code text} is not that, or too large for a {@code long}
     */
    private static long number(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("not 1*DIGIT: " + text);
        }
        return Long.parseLong(text);
    }

    /** Whether this is the answer to an unsatisfiable range ({@code bytes *}{@code /total}). */
    public boolean isUnsatisfied() {
        return first < 0;
    }

    /** How many bytes the range holds; 0 for an unsatisfied range. */
    public long length() {
        return isUnsatisfied() ? 0 : last - first + 1;
    }

    /** The object's size, when the server told it. */
    public OptionalLong objectSize() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }
}

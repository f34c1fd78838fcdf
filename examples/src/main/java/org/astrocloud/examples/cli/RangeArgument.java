package org.astrocloud.examples.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code --range}: {@code A-B}, bytes A to B inclusive as in an HTTP {@code Range}
 * header ({@code 0-2879} is the first FITS block), or {@code A-} from byte A to the end.
 *
 * @param first the first byte
 * @param last the last byte, inclusive, or -1 for the end of the object
 */
record RangeArgument(long first, long last) {
    private static final Pattern FORM = Pattern.compile("(\\d+)-(\\d*)");

    /** Parses {@code text}; the message of the exception says what is wrong with it. */
    static RangeArgument parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not A-B (bytes A to B, inclusive) or A- (from A to the end)");
        }
        try {
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
            if (last >= 0 && last < first) {
                throw new IllegalArgumentException("'" + text + "' is reversed: the last byte comes before the first");
            }
            if (last == Long.MAX_VALUE) {
                throw new IllegalArgumentException("'" + text + "' ends too far");
            }
            return new RangeArgument(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': a byte offset is too large", e);
        }
    }

    boolean toEnd() {
        return last < 0;
    }
}

package org.astrocloud.fits.spi.support;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the {@code Content-Range} parser with any header value: it never throws, what it accepts
 * is written as RFC 9110 (section 14.4) writes it, and a value written that way is read as
 * written. Regression inputs live in
 * {@code src/test/resources/org/astrocloud/fits/spi/support/ContentRangeFuzzTestInputs/<method>/}.
 */
class ContentRangeFuzzTest {
    /**
     * RFC 9110's {@code Content-Range} for bytes, with the blanks around its parts that the parser
     * tolerates: {@code bytes first-last/complete-length}, {@code first-last/*} or {@code * /length}.
     */
    private static final Pattern RFC = Pattern.compile(
            "[\\x00-\\x20]*(?i:bytes) [\\x00-\\x20]*(?:([0-9]+)[\\x00-\\x20]*-[\\x00-\\x20]*([0-9]+)|(\\*))"
                    + "[\\x00-\\x20]*/[\\x00-\\x20]*([0-9]+|\\*)[\\x00-\\x20]*");

    /** Any value: parsed without an exception, only when it is RFC 9110's syntax, to the numbers written. */
    @FuzzTest(maxDuration = "5m")
    void parsesOnlyWhatTheRfcWrites(byte[] input) {
        String value = new String(input, StandardCharsets.ISO_8859_1);
        Optional<ContentRange> parsed = ContentRange.parse(value);
        Matcher m = RFC.matcher(value);
        if (parsed.isPresent() && !m.matches()) {
            throw new AssertionError("accepted what is not RFC 9110 syntax: " + printable(value) + " as " + parsed.get());
        }
        if (m.matches()) {
            Optional<ContentRange> expected = expected(m);
            if (!parsed.equals(expected)) {
                throw new AssertionError(printable(value) + " read as " + parsed + ", expected " + expected);
            }
        }
    }

    /** What the RFC's reading of the matched value is, with the numbers that fit a long and make a range. */
    private static Optional<ContentRange> expected(Matcher m) {
        try {
            long total = m.group(4).equals("*") ? -1 : Long.parseLong(m.group(4));
            if (m.group(3) != null) {
                return total < 0 ? Optional.empty() : Optional.of(new ContentRange(-1, -1, total));
            }
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            boolean valid = first <= last && (total < 0 || last < total);
            return valid ? Optional.of(new ContentRange(first, last, total)) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)));
        return b.append('"').toString();
    }
}

package org.astrocloud.testservers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Range: bytes=a-b | a- | -n} header read against an object's size, for this package's servers:
 * the first and last byte to send, or unsatisfiable (416). Empty for no header or one we do not read,
 * which the servers answer with the whole object (200), as RFC 9110 allows.
 */
record SingleRange(long start, long end, boolean satisfiable) {
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    static Optional<SingleRange> parse(String header, long size) {
        Matcher m = header == null ? null : RANGE.matcher(header.trim());
        if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        long start;
        long end = size - 1;
        if (m.group(1).isEmpty()) {
            start = Math.max(0, size - Long.parseLong(m.group(2)));
        } else {
            start = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                end = Math.min(Long.parseLong(m.group(2)), size - 1);
            }
        }
        return Optional.of(new SingleRange(start, end, start < size && start <= end));
    }
}

package org.astrocloud.http;

import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.util.Date;

/** HTTP dates ({@code Last-Modified}, {@code If-Modified-Since}, {@code Retry-After}), in one place, on Netty's parser. */
final class HttpDates {
    /**
     * The longest date read: the longest of the three formats (RFC 850's, with a weekday spelled
     * out) is 30 characters; Netty's parser throws beyond 64, so a longer value counts as unreadable.
     */
    static final int MAX_LENGTH = 64;

    private HttpDates() {
    }

    /** {@code value} in any of the three HTTP date formats; null when absent or unreadable (longer than {@value #MAX_LENGTH} characters included). */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > MAX_LENGTH) {
            return null;
        }
        Date date = DateFormatter.parseHttpDate(v);
        return date == null ? null : date.toInstant();
    }

    /** {@code instant} as an IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), to the second. */
    static String format(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }
}

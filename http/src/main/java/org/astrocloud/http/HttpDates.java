package org.astrocloud.http;

import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.util.Date;

/** HTTP dates ({@code Last-Modified}, {@code If-Modified-Since}, {@code Retry-After}), in one place, on Netty's parser. */
final class HttpDates {
    private HttpDates() {
    }

    /** {@code value} in any of the three HTTP date formats; null when absent or unreadable. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Date date = DateFormatter.parseHttpDate(value.trim());
        return date == null ? null : date.toInstant();
    }

    /** {@code instant} as an IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), to the second. */
    static String format(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }
}

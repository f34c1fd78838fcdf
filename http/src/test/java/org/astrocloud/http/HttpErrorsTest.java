package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.error.AstroCloudException;
import org.junit.jupiter.api.Test;

/** Parsing of {@code Retry-After} and HTTP dates. */
class HttpErrorsTest {

    @Test
    void retryAfterShouldBeParsedAsSecondsOrDate() {
        assertEquals(Duration.ofSeconds(120), HttpErrors.parseRetryAfter("120"));
        Duration d = HttpErrors.parseRetryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
        assertTrue(d.compareTo(Duration.ofSeconds(25)) > 0 && d.compareTo(Duration.ofSeconds(31)) <= 0, String.valueOf(d));
        assertEquals(null, HttpErrors.parseRetryAfter("soon"));
    }

    /** Found by RangeAnswerFuzzTest: Netty's date parser throws IllegalArgumentException beyond 64 characters. */
    @Test
    void overLongDatesShouldBeUnreadableNotFail() {
        String date = "Sun, 06 Nov 1994 08:49:37 GMT";
        String padded = "x".repeat(65 - date.length()) + date;
        assertEquals(65, padded.length());
        assertEquals(null, HttpDates.parse(padded));
        assertEquals(null, HttpErrors.parseRetryAfter(padded));
        assertEquals(null, HttpDates.parse(date.repeat(1000)));
        assertEquals(java.time.Instant.parse("1994-11-06T08:49:37Z"), HttpDates.parse("   " + date + "   "));
        assertEquals(java.time.Instant.parse("1994-11-06T08:49:37Z"), HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        AstroCloudException e = HttpErrors.forStatus(503, padded, URI.create("https://example.org/a.fits"), 2880);
        assertTrue(e.isTransient(), e::toString);
    }
}

package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Parsing of {@code Retry-After}. */
class HttpErrorsTest {

    @Test
    void retryAfterShouldBeParsedAsSecondsOrDate() {
        assertEquals(Duration.ofSeconds(120), HttpErrors.parseRetryAfter("120"));
        Duration d = HttpErrors.parseRetryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
        assertTrue(d.compareTo(Duration.ofSeconds(25)) > 0 && d.compareTo(Duration.ofSeconds(31)) <= 0, String.valueOf(d));
        assertEquals(null, HttpErrors.parseRetryAfter("soon"));
    }}

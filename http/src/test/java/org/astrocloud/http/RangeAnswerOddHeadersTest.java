package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.support.ContentRange;
import org.junit.jupiter.api.Test;

/**
 * Answers with odd headers, in the layout of {@link ResponseInput}: header names match in any case
 * (RFC 9110, section 5.1), a name with NULs or digits inside is another name, and over-long values
 * are refused or ignored, never thrown.
 */
class RangeAnswerOddHeadersTest {
    private static final URI URI_ = URI.create("https://example.org/a.fits");

    private static RangeAnswer answer(String input) {
        ResponseInput in = ResponseInput.of(input.getBytes(StandardCharsets.ISO_8859_1));
        return RangeAnswer.of(in.status(), in.headers(), in.range(), in.smallObjectLimit(), URI_);
    }

    @Test
    void headerNamesShouldMatchInAnyCase() {
        assertEquals(new RangeAnswer.Data(new ContentRange(0, 2879, 14_400)),
                answer("206 0 2880 0\ncOnTeNt-RaNgE: bytes 0-2879/14400"));
    }

    @Test
    void aNameWithNulsOrDigitsInsideShouldBeAnotherName() {
        RangeAnswer a = answer("206 0 2880 0\nConte\0Nt-R412ange\0: bytes 0-2879/14400");
        RangeAnswer.Refused r = assertInstanceOf(RangeAnswer.Refused.class, a);
        assertInstanceOf(PermanentSourceException.class, r.error());
        assertTrue(r.error().getMessage().contains("without a byte range in Content-Range"), r.error()::getMessage);
    }

    @Test
    void overLongValuesShouldBeRefusedOrIgnored() {
        String huge = "9".repeat(100_000);
        assertInstanceOf(RangeAnswer.Refused.class, answer("206 0 2880 0\nContent-Range: bytes 0-" + huge + "/*"));
        assertEquals(new RangeAnswer.Past(java.util.OptionalLong.empty()), answer("416 0 2880 0\nContent-Range: bytes */" + huge));
        RangeAnswer.Refused r = assertInstanceOf(RangeAnswer.Refused.class,
                answer("503 2880 2880 0\nRetry-After: " + "Sun, 06 Nov 1994 08:49:37 GMT ".repeat(100)));
        TransientSourceException t = assertInstanceOf(TransientSourceException.class, r.error());
        assertEquals(2880L, t.offset().orElse(-1));
        assertTrue(t.retryAfter().isEmpty(), "an unreadable Retry-After is absent");
    }
}

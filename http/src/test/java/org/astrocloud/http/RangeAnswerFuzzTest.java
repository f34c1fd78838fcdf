package org.astrocloud.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.Map;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.spi.ObjectInfo;

/**
 * Fuzzes what the HTTP source makes of an answer's status and headers (see {@link ResponseInput}
 * for the input's layout): {@link RangeAnswer} and {@link RevalidationAnswer} never throw, data is
 * only a 206 for the range asked, a refusal carries a typed error at the offset asked, and the
 * dates and {@code Retry-After} of any header read without an exception. Regression inputs live in
 * {@code src/test/resources/org/astrocloud/http/RangeAnswerFuzzTestInputs/<method>/}.
 */
class RangeAnswerFuzzTest {
    private static final URI URI_ = URI.create("https://example.org/fuzz.fits");
    private static final ObjectInfo KNOWN = ObjectInfo.of(URI_).withSize(44_316_717_120L).withValidator("\"v1\"");

    @FuzzTest(maxDuration = "5m")
    void anyAnswerIsReadWithoutException(byte[] input) {
        ResponseInput in = ResponseInput.of(input);
        RangeAnswer answer = RangeAnswer.of(in.status(), in.headers(), in.range(), in.smallObjectLimit(), URI_);
        check(in, answer);
        RevalidationAnswer.of(answer, in.headers(), KNOWN, URI_);
        for (Map.Entry<String, String> h : in.headers()) {
            HttpDates.parse(h.getValue());
            HttpErrors.parseRetryAfter(h.getValue());
        }
    }

    /** What each verdict promises, from the status and the range asked (RFC 9110, sections 14 and 15). */
    private static void check(ResponseInput in, RangeAnswer answer) {
        if (answer instanceof RangeAnswer.Data d) {
            holds(in.status() == 206 && !d.contentRange().isUnsatisfied()
                    && d.contentRange().first() == in.range().offset()
                    && d.contentRange().length() <= in.range().length(), "data that is not the range asked: " + answer);
        } else if (answer instanceof RangeAnswer.Whole w) {
            holds(in.status() == 200 && w.length() >= 0 && w.length() <= in.smallObjectLimit(), "a whole object too large: " + answer);
        } else if (answer instanceof RangeAnswer.Past) {
            holds(in.status() == 416, "past the end without a 416: " + answer);
        } else if (answer instanceof RangeAnswer.NotModified) {
            holds(in.status() == 304, "not modified without a 304: " + answer);
        } else if (answer instanceof RangeAnswer.Redirect) {
            holds(in.status() / 100 == 3, "a redirect without a 3xx: " + answer);
        } else if (answer instanceof RangeAnswer.Refused r) {
            AstroCloudException e = r.error();
            holds(e != null && e.getMessage() != null && e.offset().orElse(-1) == in.range().offset(),
                    "a refusal without a typed error at the offset asked: " + answer);
        }
    }

    private static void holds(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}

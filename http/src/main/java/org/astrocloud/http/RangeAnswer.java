package org.astrocloud.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.OptionalLong;
import java.util.Set;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.support.ContentRange;

/**
 * What the status and headers of an answer to one range request make of it, before any body byte
 * is read: the one place where the HTTP source checks answers, for reads and streams alike. Only
 * a 206 whose {@code Content-Range} starts where we asked, and holds no more than we asked, is
 * {@link Data}; a 200 is {@link Whole} only when the object is announced small; 416 is
 * {@link Past} the end; 304 is {@link NotModified} (the answer to a revalidation); a body in any
 * encoding but identity is refused.
 */
sealed interface RangeAnswer {
    Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** A 206 for the range asked: its body is data. */
    record Data(ContentRange contentRange) implements RangeAnswer {
    }

    /** A 200 with the whole object, small enough to be used: its body is the object. */
    record Whole(int length) implements RangeAnswer {
    }

    /** A 416: the range starts at or past the end; the size when the server told it. */
    record Past(OptionalLong objectSize) implements RangeAnswer {
    }

    /** A 304: the object is still the version a conditional request named; there is no body. */
    record NotModified() implements RangeAnswer {
    }

    /** A redirect to {@code location} (null when the answer had none). */
    record Redirect(String location) implements RangeAnswer {
    }

    /** Anything else: the error the caller gets; the body is not wanted. */
    record Refused(AstroCloudException error) implements RangeAnswer {
    }

    /** The verdict on an answer with {@code status} and {@code headers} to a request for {@code range} of {@code uri}. */
    static RangeAnswer of(int status, HttpHeaders headers, ByteRange range, long smallObjectLimit, URI uri) {
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if ((status == 200 || status == 206) && encoding != null && !encoding.equalsIgnoreCase("identity")) {
            return new Refused(new PermanentSourceException("the server sent the range with Content-Encoding "
                    + encoding + " although identity was asked for", uri, range.offset()));
        }
        if (status == 206) {
            return partial(ContentRange.parse(headers.get(HttpHeaderNames.CONTENT_RANGE)).orElse(null), range, uri);
        }
        if (status == 416) {
            return new Past(ContentRange.parse(headers.get(HttpHeaderNames.CONTENT_RANGE))
                    .map(ContentRange::objectSize).orElse(OptionalLong.empty()));
        }
        if (status == 200) {
            long length = contentLength(headers);
            return length >= 0 && length <= Math.min(smallObjectLimit, Integer.MAX_VALUE - 8) ? new Whole((int) length)
                    : new Refused(new RangeNotSupportedException("the server ignores Range: it answered 200 with the whole object ("
                    + (length < 0 ? "length not announced" : length + " bytes") + ") to a request for bytes "
                    + range.offset() + "-" + range.last() + "; the transfer was cancelled", uri, range.offset()));
        }
        if (status == 304) {
            return new NotModified();
        }
        if (REDIRECTS.contains(status)) {
            return new Redirect(headers.get(HttpHeaderNames.LOCATION));
        }
        return new Refused(HttpErrors.forStatus(status, headers.get(HttpHeaderNames.RETRY_AFTER), uri, range.offset()));
    }

    private static RangeAnswer partial(ContentRange cr, ByteRange range, URI uri) {
        String problem = cr == null || cr.isUnsatisfied() ? "a 206 answer without a byte range in Content-Range"
                : cr.first() != range.offset() ? "asked for bytes " + range.offset() + "-" + range.last()
                        + ", the server sent " + cr.first() + "-" + cr.last()
                : cr.length() > range.length() ? "asked for " + range.length() + " bytes, the server sent " + cr.length()
                : null;
        return problem == null ? new Data(cr) : new Refused(new PermanentSourceException(problem, uri, range.offset()));
    }

    private static long contentLength(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

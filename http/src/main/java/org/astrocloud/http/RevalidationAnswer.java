package org.astrocloud.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Instant;
import java.util.OptionalLong;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.Revalidation;

/**
 * What the answer to a revalidation ({@code Range: bytes=0-0} with {@link Precondition#unlessChangedSince})
 * says of the object: a 304 confirms the known version, described with the {@code ETag} and
 * {@code Last-Modified} the 304 carries (the size stays the known one); a 206, 200 or 416
 * describes the object now (size from {@code Content-Range} or {@code Content-Length}, ETag,
 * Last-Modified) and is unchanged only when it carries the known ETag, strong, with the known size
 * (a server that ignores the condition): like core's default, only equal ETags prove it, never a
 * size or a date.
 */
final class RevalidationAnswer {
    private RevalidationAnswer() {
    }

    /** The revalidation of {@code known} that {@code verdict}, with {@code headers}, gives; null for a redirect or a refusal. */
    static Revalidation of(RangeAnswer verdict, HttpHeaders headers, ObjectInfo known, URI uri) {
        String etag = headers.get(HttpHeaderNames.ETAG);
        Instant lastModified = HttpDates.parse(headers.get(HttpHeaderNames.LAST_MODIFIED));
        if (verdict instanceof RangeAnswer.NotModified) {
            ObjectInfo current = ObjectInfo.of(uri).withSize(known.size())
                    .withValidator(etag != null ? etag : known.validator())
                    .withLastModified(lastModified != null ? lastModified : known.lastModified());
            return new Revalidation(true, current);
        }
        OptionalLong size = verdict instanceof RangeAnswer.Data data ? data.contentRange().objectSize()
                : verdict instanceof RangeAnswer.Whole whole ? OptionalLong.of(whole.length())
                : verdict instanceof RangeAnswer.Past past ? past.objectSize()
                : null;
        if (size == null) {
            return null;
        }
        ObjectInfo current = new ObjectInfo(uri, size.orElse(-1), etag, lastModified);
        boolean sameEtag = etag != null && !etag.startsWith("W/") && etag.equals(known.validator())
                && (current.size() < 0 || known.size() < 0 || current.size() == known.size());
        return new Revalidation(sameEtag, current);
    }
}

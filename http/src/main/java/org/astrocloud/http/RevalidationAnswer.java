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
 * Last-Modified) and is unchanged only when that is the known version by
 * {@link ObjectInfo#sameVersionAs} (a server that ignores the condition but sends the same ETag).
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
        return new Revalidation(current.sameVersionAs(known), current);
    }
}

package org.astrocloud.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.astrocloud.fits.spi.ObjectInfo;

/**
 * The conditional headers of one range request, the one place where they are chosen: none for a
 * plain read; {@code If-Match} for a read pinned to one version of the object (a mismatch is
 * {@code 412}); {@code If-None-Match}, or else {@code If-Modified-Since}, for a revalidation (a
 * match is {@code 304}, which moves no body byte). Sent on every hop of a redirect.
 *
 * @param name the header, or null for none
 * @param value its value
 */
record Precondition(CharSequence name, String value) {
    static final Precondition NONE = new Precondition(null, null);

    /** Reads of exactly the version {@code etag} names. */
    static Precondition ifMatch(String etag) {
        return new Precondition(HttpHeaderNames.IF_MATCH, etag);
    }

    /**
     * A 304 when the object is still the version {@code known} describes: by its ETag when known,
     * else by its modification time; none when neither is known (the answer then just describes the object).
     */
    static Precondition unlessChangedSince(ObjectInfo known) {
        if (known.validator() != null) {
            return new Precondition(HttpHeaderNames.IF_NONE_MATCH, known.validator());
        }
        if (known.lastModified() != null) {
            return new Precondition(HttpHeaderNames.IF_MODIFIED_SINCE, HttpDates.format(known.lastModified()));
        }
        return NONE;
    }

    /** Adds the header, if any, to {@code headers}. */
    void applyTo(HttpHeaders headers) {
        if (name != null) {
            headers.set(name, value);
        }
    }
}

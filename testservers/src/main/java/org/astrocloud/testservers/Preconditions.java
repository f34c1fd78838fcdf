package org.astrocloud.testservers;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import java.util.Date;

/**
 * The conditional request headers of RFC 9110 section 13.2.2, evaluated for one file of
 * {@link RangeFileServer}: {@code If-Match} (strong comparison), then {@code If-None-Match} (weak
 * comparison), then, only without {@code If-None-Match}, {@code If-Modified-Since}.
 */
final class Preconditions {
    private Preconditions() {
    }

    /** 412 or 304 when a condition says so, else 0 (serve the request). */
    static int status(HttpHeaders request, String etag, long mtimeSeconds) {
        String ifMatch = request.get(HttpHeaderNames.IF_MATCH);
        if (ifMatch != null && !anyMatches(ifMatch, etag, true)) {
            return 412;
        }
        String ifNoneMatch = request.get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return anyMatches(ifNoneMatch, etag, false) ? 304 : 0;
        }
        String ifModifiedSince = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        Date since = ifModifiedSince == null ? null : DateFormatter.parseHttpDate(ifModifiedSince);
        return since != null && mtimeSeconds * 1000 <= since.getTime() ? 304 : 0;
    }

    /** Whether {@code list} ({@code *} or comma-separated entity tags) names {@code etag}. */
    private static boolean anyMatches(String list, String etag, boolean strong) {
        if (list.trim().equals("*")) {
            return true;
        }
        return Arrays.stream(list.split(",")).map(String::trim)
                .anyMatch(tag -> strong ? !tag.startsWith("W/") && tag.equals(etag) : opaque(tag).equals(opaque(etag)));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}

package org.astrocloud.gcs;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The JSON API's URLs: an object's media download ({@code /storage/v1/b/BUCKET/o/OBJECT?alt=media}, which
 * honours {@code Range} on GCS and on local servers alike) and a listing page
 * ({@code /storage/v1/b/BUCKET/o?prefix=...}). Object names and query values are percent-encoded
 * ({@code /} too, as the JSON API wants).
 */
final class GcsUrls {
    static final URI DEFAULT_ENDPOINT = URI.create("https://" + GcsLocation.HOST);

    private GcsUrls() {
    }

    static URI media(URI endpoint, GcsLocation location, String userProject) {
        return URI.create(base(endpoint) + "/storage/v1/b/" + encode(location.bucket()) + "/o/" + encode(location.object())
                + "?alt=media" + (userProject == null ? "" : "&userProject=" + encode(userProject)));
    }

    static URI list(URI endpoint, String bucket, String prefix, int pageSize, String pageToken, String userProject) {
        StringBuilder url = new StringBuilder(base(endpoint)).append("/storage/v1/b/").append(encode(bucket))
                .append("/o?prefix=").append(encode(prefix))
                .append("&maxResults=").append(pageSize)
                .append("&fields=").append(encode("items(name,size,etag,updated),nextPageToken"));
        if (pageToken != null) {
            url.append("&pageToken=").append(encode(pageToken));
        }
        if (userProject != null) {
            url.append("&userProject=").append(encode(userProject));
        }
        return URI.create(url.toString());
    }

    private static String base(URI endpoint) {
        return endpoint.toString().replaceAll("/+$", "");
    }

    /** RFC 3986 unreserved characters as they are, every other byte of the UTF-8 text as {@code %XX}. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}

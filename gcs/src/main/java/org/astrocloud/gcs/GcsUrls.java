package org.astrocloud.gcs;

import java.net.URI;
import org.astrocloud.fits.spi.support.ObjectKeys;

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
        return URI.create(base(endpoint) + "/storage/v1/b/" + ObjectKeys.encodeComponent(location.bucket()) + "/o/" + ObjectKeys.encodeComponent(location.object())
                + "?alt=media" + (userProject == null ? "" : "&userProject=" + ObjectKeys.encodeComponent(userProject)));
    }

    static URI list(URI endpoint, String bucket, String prefix, int pageSize, String pageToken, String userProject) {
        StringBuilder url = new StringBuilder(base(endpoint)).append("/storage/v1/b/").append(ObjectKeys.encodeComponent(bucket))
                .append("/o?prefix=").append(ObjectKeys.encodeComponent(prefix))
                .append("&maxResults=").append(pageSize)
                .append("&fields=").append(ObjectKeys.encodeComponent("items(name,size,etag,updated),nextPageToken"));
        if (pageToken != null) {
            url.append("&pageToken=").append(ObjectKeys.encodeComponent(pageToken));
        }
        if (userProject != null) {
            url.append("&userProject=").append(ObjectKeys.encodeComponent(userProject));
        }
        return URI.create(url.toString());
    }

    private static String base(URI endpoint) {
        return endpoint.toString().replaceAll("/+$", "");
    }
}

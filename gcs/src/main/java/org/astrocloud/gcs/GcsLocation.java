package org.astrocloud.gcs;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bucket and an object name, from {@code gs://BUCKET/OBJECT}, {@code https://storage.googleapis.com/BUCKET/OBJECT}
 * or {@code https://BUCKET.storage.googleapis.com/OBJECT}. The object name is decoded; it may be empty (the whole
 * bucket) or a prefix or glob when listing. URIs made from a location keep the form the user gave.
 */
record GcsLocation(String bucket, String object, boolean https) {
    static final String HOST = "storage.googleapis.com";
    /** Bucket names as GCS allows them: 3 to 222 characters of lower-case letters, digits, '-', '_' and '.'. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    static Optional<GcsLocation> parse(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque() || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String bucket;
        String object;
        boolean https;
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "gs" -> {
                bucket = uri.getRawAuthority();
                object = path.startsWith("/") ? path.substring(1) : path;
                https = false;
            }
            case "https" -> {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                if (uri.getRawQuery() != null || uri.getPort() != -1 && uri.getPort() != 443) {
                    return Optional.empty();
                }
                if (host.equals(HOST)) {
                    String rest = path.startsWith("/") ? path.substring(1) : path;
                    int slash = rest.indexOf('/');
                    bucket = slash < 0 ? rest : rest.substring(0, slash);
                    object = slash < 0 ? "" : rest.substring(slash + 1);
                } else if (host.endsWith("." + HOST)) {
                    bucket = host.substring(0, host.length() - HOST.length() - 1);
                    object = path.startsWith("/") ? path.substring(1) : path;
                } else {
                    return Optional.empty();
                }
                https = true;
            }
            default -> {
                return Optional.empty();
            }
        }
        return BUCKET.matcher(bucket).matches() ? Optional.of(new GcsLocation(bucket, object, https)) : Optional.empty();
    }

    /** The URI of another object of this bucket, in this location's form. */
    URI withObject(String name) {
        // as a string: java.net.URI's multi-argument constructors take the authority for a host
        // name, which valid bucket names such as my_bucket are not
        String path = org.astrocloud.fits.spi.support.ObjectKeys.encodePath(name);
        return https ? URI.create("https://" + HOST + "/" + bucket + "/" + path) : URI.create("gs://" + bucket + "/" + path);
    }
}

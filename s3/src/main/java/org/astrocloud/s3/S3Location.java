package org.astrocloud.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket and key parsed from {@code s3://bucket/key} or from one of AWS's https forms, with the
 * region the URL names, if any:
 * <ul>
 *   <li>path style {@code https://s3.REGION.amazonaws.com/bucket/key}, {@code https://s3.amazonaws.com/bucket/key},
 *       {@code https://s3-REGION.amazonaws.com/bucket/key}, {@code https://s3.dualstack.REGION.amazonaws.com/bucket/key};</li>
 *   <li>virtual-hosted {@code https://bucket.s3.REGION.amazonaws.com/key}, {@code https://bucket.s3.amazonaws.com/key},
 *       {@code https://bucket.s3-REGION.amazonaws.com/key}.</li>
 * </ul>
 */
record S3Location(String bucket, String key, String region) {
    private static final Pattern PATH_STYLE =
            Pattern.compile("^s3(?:[.-]dualstack)?(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com$");
    private static final Pattern VIRTUAL_HOSTED =
            Pattern.compile("^(.+)\\.s3(?:[.-]dualstack)?(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com$");

    /** Parses {@code uri}; empty when it is neither {@code s3://} nor an AWS S3 https URL. */
    static Optional<S3Location> parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.equals("s3")) {
            String bucket = uri.getAuthority();
            return bucket == null || bucket.isEmpty() ? Optional.empty()
                    : Optional.of(new S3Location(bucket, stripSlash(path), null));
        }
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Matcher m = PATH_STYLE.matcher(host);
        if (m.matches()) {
            String p = stripSlash(path);
            int slash = p.indexOf('/');
            String bucket = slash < 0 ? p : p.substring(0, slash);
            return bucket.isEmpty() ? Optional.empty()
                    : Optional.of(new S3Location(bucket, slash < 0 ? "" : p.substring(slash + 1), region(m.group(1))));
        }
        m = VIRTUAL_HOSTED.matcher(host);
        if (m.matches()) {
            return Optional.of(new S3Location(m.group(1), stripSlash(path), region(m.group(2))));
        }
        return Optional.empty();
    }

    private static String region(String group) {
        return group == null || group.equals("external-1") ? null : group;
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** The {@code s3://bucket/key} URI of another key in this bucket. */
    URI withKey(String otherKey) {
        try {
            return new URI("s3", bucket, "/" + otherKey, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot form a URI for key " + otherKey, e);
        }
    }
}

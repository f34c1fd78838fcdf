package org.astrocloud.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns a command-line argument into a URI: URIs with a scheme stay as they are, anything else is a local path ({@code file:/abs/path}). */
final class Inputs {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Inputs() {
    }

    static URI toUri(String argument) {
        if (argument.regionMatches(true, 0, "s3://", 0, 5)) {
            return s3(argument.substring(5));
        }
        if (SCHEME.matcher(argument).matches()) {
            return URI.create(argument);
        }
        return Path.of(argument).toAbsolutePath().normalize().toFile().toURI();
    }

    /** {@code s3://bucket/key} taken literally: a key may hold glob characters ({@code ? [ ]}) that a URI would not. */
    private static URI s3(String bucketAndKey) {
        int slash = bucketAndKey.indexOf('/');
        String bucket = slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash);
        String key = slash < 0 ? "" : bucketAndKey.substring(slash);
        try {
            return new URI("s3", bucket, key, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an S3 URI: s3://" + bucketAndKey, e);
        }
    }
}

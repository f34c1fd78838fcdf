package org.astrocloud.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** What keeps a URI from being requested over HTTP, checked in one place for given URIs and for redirects alike. */
final class HttpTarget {
    private HttpTarget() {
    }

    /** Why {@code uri} cannot be requested (no http(s) scheme, no host, a port out of range); empty when it can. */
    static Optional<String> problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of((scheme.isEmpty() ? "a scheme-less" : "a " + scheme + ":")
                    + " location; only http and https are read");
        }
        if (uri.getHost() == null) {
            return Optional.of("an http(s) URI needs a host: " + scheme + "://host/...");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("port " + uri.getPort() + " is out of range (1-65535)");
        }
        return Optional.empty();
    }
}

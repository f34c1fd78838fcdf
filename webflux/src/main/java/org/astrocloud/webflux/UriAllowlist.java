package org.astrocloud.webflux;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.astrocloud.fits.Redaction;

/**
 * The URIs the service may read: those under one of the configured roots. Checked before any
 * read, so that the service cannot be used to fetch arbitrary URLs.
 *
 * <p>A URI is allowed when it is an absolute {@code http}, {@code https} or {@code s3} URI with a
 * host, without user info or fragment, without {@code .} or {@code ..} path segments (also
 * percent-encoded), backslashes or control characters, and its normalized form (scheme and
 * authority in lower case, the path and query as written) starts with a root normalized the same
 * way. A root without a path gets {@code /}, so that {@code https://archive.example.org} does not
 * admit {@code https://archive.example.org.evil.net/}; a root that should stop at a directory
 * must end with {@code /}. The normalized URI is the one read.
 */
public final class UriAllowlist {
    private static final Set<String> SCHEMES = Set.of("http", "https", "s3");

    private final List<String> roots;

    /**
     * @param roots URI prefixes such as {@code https://archive.example.org/} or {@code s3://stpubdata/tess/}
     * @throws IllegalArgumentException if a root is not an allowed URI itself
     */
    public UriAllowlist(List<String> roots) {
        this.roots = roots.stream().map(UriAllowlist::root).toList();
    }

    /** The roots, normalized. */
    public List<String> roots() {
        return roots;
    }

    /**
     * The normalized form of {@code uri}, to be read.
     *
     * @throws UriNotAllowedException if {@code uri} is not allowed
     */
    public URI check(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new UriNotAllowedException(uri, "not a valid URI");
        }
        return check(parsed);
    }

    /**
     * The normalized form of {@code uri}, to be read.
     *
     * @throws UriNotAllowedException if {@code uri} is not allowed
     */
    public URI check(URI uri) {
        String problem = problem(uri);
        if (problem == null) {
            String normalized = normalize(uri);
            if (roots.stream().anyMatch(normalized::startsWith)) {
                return URI.create(normalized);
            }
            problem = "outside the allowed roots";
        }
        throw new UriNotAllowedException(Redaction.redact(uri), problem);
    }

    /** Whether {@link #check(URI)} accepts {@code uri}. */
    public boolean allows(URI uri) {
        return problem(uri) == null && roots.stream().anyMatch(normalize(uri)::startsWith);
    }

    private static String root(String root) {
        URI uri = URI.create(root.strip());
        String problem = problem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("astro-cloud.allowed-roots: " + root + ": " + problem);
        }
        return normalize(uri);
    }

    /** Why {@code uri} can never be allowed, or {@code null}. */
    private static String problem(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return "not an absolute URI";
        }
        if (!SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return "scheme not allowed";
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return "user info not allowed";
        }
        if (uri.getHost() == null) {
            return "no host";
        }
        if (uri.getRawFragment() != null) {
            return "fragment not allowed";
        }
        String path = uri.getPath();
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "control characters or backslashes in the path";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "dot segments not allowed";
            }
        }
        return null;
    }

    private static String normalize(URI uri) {
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}

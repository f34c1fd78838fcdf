package org.astrocloud.webflux;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.astrocloud.fits.error.Redaction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
 *
 * <p>Local files are read only when a root is a {@code file:} URI (opt-in: {@code file:/data/fits/}).
 * Such a root is a directory that must exist; a {@code file:} URI (no host, no query) is allowed
 * when its real path, symbolic links resolved, lies in a root's real path, and that real path is
 * the one read. Checking a {@code file:} URI reads the file system: {@link #checked} does it off
 * the event loop.
 */
public final class UriAllowlist {
    private static final Set<String> SCHEMES = Set.of("http", "https", "s3", "file");
    private static final String OUTSIDE = "outside the allowed roots";

    private final List<String> roots;
    private final FileRoots fileRoots;

    /**
     * @param roots URI prefixes such as {@code https://archive.example.org/} or {@code s3://stpubdata/tess/},
     *        and local directories such as {@code file:/data/fits/}
     * @throws IllegalArgumentException if a root is not an allowed URI itself, or a {@code file:} root
     *         is not an existing directory
     */
    public UriAllowlist(List<String> roots) {
        this.roots = roots.stream().map(UriAllowlist::root).toList();
        this.fileRoots = FileRoots.of(this.roots);
    }

    /** The roots, normalized. */
    public List<String> roots() {
        return roots;
    }

    /**
     * The prefixes of the catalogued URIs the service may show: each root as normalized, and a
     * {@code file:} root as its real directory in both spellings ({@code file:/d/} and {@code file:///d/}).
     */
    public List<String> catalogPrefixes() {
        List<String> out = new ArrayList<>();
        for (String root : roots) {
            if (!root.startsWith("file:")) {
                out.add(root);
            }
        }
        out.addAll(fileRoots.prefixes());
        return List.copyOf(out);
    }

    /**
     * The URI to read for {@code uri}: its normalized form, or for a {@code file:} URI its real path.
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
     * The URI to read for {@code uri}: its normalized form, or for a {@code file:} URI its real path.
     *
     * @throws UriNotAllowedException if {@code uri} is not allowed
     */
    public URI check(URI uri) {
        Verdict verdict = verdict(uri);
        if (verdict.problem() != null) {
            throw new UriNotAllowedException(Redaction.redact(uri), verdict.problem());
        }
        return verdict.read();
    }

    /** Whether {@link #check(URI)} accepts {@code uri}. */
    public boolean allows(URI uri) {
        return verdict(uri).problem() == null;
    }

    /**
     * {@link #check(String)} as a {@code Mono}, run when subscribed to: on a bounded-elastic thread
     * when the allowlist has {@code file:} roots (checking a {@code file:} URI reads the file
     * system), else on the subscriber's thread. Fails with {@link UriNotAllowedException}.
     */
    public Mono<URI> checked(String uri) {
        return offEventLoop(() -> check(uri));
    }

    /** Every URI of {@code uris} checked as {@link #checked} does, in order; fails on the first refused. */
    public Mono<List<URI>> checkedAll(List<String> uris) {
        return offEventLoop(() -> uris.stream().map(this::check).toList());
    }

    private <T> Mono<T> offEventLoop(Callable<T> check) {
        Mono<T> checking = Mono.fromCallable(check);
        return fileRoots.isEmpty() ? checking : checking.subscribeOn(Schedulers.boundedElastic());
    }

    /** The URI to read for {@code uri}, or why there is none. */
    private record Verdict(URI read, String problem) {
    }

    private Verdict verdict(URI uri) {
        String problem = problem(uri);
        if (problem != null) {
            return new Verdict(null, problem);
        }
        if (isFile(uri)) {    // compared by real paths: the path as written may run through links
            return fileRoots.resolve(uri).map(real -> new Verdict(real, null)).orElse(new Verdict(null, OUTSIDE));
        }
        String normalized = normalize(uri);
        return roots.stream().anyMatch(normalized::startsWith) ? new Verdict(URI.create(normalized), null)
                : new Verdict(null, OUTSIDE);
    }

    private static String root(String root) {
        URI uri = URI.create(root.strip());
        String problem = problem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("astro-cloud.allowed-roots: " + root + ": " + problem);
        }
        String normalized = normalize(uri);
        return isFile(uri) && !normalized.endsWith("/") ? normalized + "/" : normalized;   // a directory
    }

    private static boolean isFile(URI uri) {
        return uri.getScheme().equalsIgnoreCase("file");
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
        if (isFile(uri)) {
            if (uri.getRawAuthority() != null || uri.getRawQuery() != null) {
                return "a file: URI names no host and has no query";
            }
        } else if (uri.getHost() == null) {
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
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}

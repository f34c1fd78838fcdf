package org.astrocloud.fits.spi;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.UnsupportedSchemeException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds the {@link ByteRangeSourceProvider} for a URI among those on the class path
 * ({@link ServiceLoader}) and opens a source with it. The provider with the highest
 * {@link ByteRangeSourceProvider#specificity} wins. Every source it opens is retried by the one
 * retry policy ({@link RetryOptions}: transient failures only, exponential backoff with jitter,
 * {@code Retry-After} honoured), so providers only classify their failures.
 *
 * <p>The registry owns what its providers' sources share (the HTTP connection pools and event
 * loops, the S3 clients): {@link #close()} releases all of it, and the next source opened makes
 * fresh ones, so a long-lived JVM (a server, a test suite) can close and go on.
 *
 * <pre>{@code
 * ByteRangeSource source = ByteRangeSources.open(URI.create("file:/data/cube.fits"), SourceOptions.empty());
 *
 * // when done with HTTP and S3 (a server shutting down, the end of a batch job):
 * ByteRangeSources.installed().close();
 * }</pre>
 */
public final class ByteRangeSources implements AutoCloseable {
    private final List<ByteRangeSourceProvider> providers;

    private ByteRangeSources(List<ByteRangeSourceProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    private static final class Installed {
        static final ByteRangeSources INSTANCE = load();

        private static ByteRangeSources load() {
            List<ByteRangeSourceProvider> found = new ArrayList<>();
            ServiceLoader.load(ByteRangeSourceProvider.class, ByteRangeSources.class.getClassLoader())
                    .forEach(found::add);
            return new ByteRangeSources(found);
        }
    }

    /** The registry of every provider on the class path, loaded once. */
    public static ByteRangeSources installed() {
        return Installed.INSTANCE;
    }

    /** A registry of exactly these providers (for tests and custom set-ups). */
    public static ByteRangeSources of(List<? extends ByteRangeSourceProvider> providers) {
        return new ByteRangeSources(new ArrayList<>(providers));
    }

    /** Opens {@code uri} with the installed providers; see {@link #get}. */
    public static ByteRangeSource open(URI uri, SourceOptions options) {
        return installed().get(uri, options);
    }

    /** The most specific provider for {@code uri}, if any. */
    public Optional<ByteRangeSourceProvider> find(URI uri) {
        // a plain loop: this runs once per file of a scan
        ByteRangeSourceProvider best = null;
        int bestSpecificity = 0;
        for (ByteRangeSourceProvider p : providers) {
            int specificity = p.specificity(uri);
            if (specificity > bestSpecificity) {
                best = p;
                bestSpecificity = specificity;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Opens a source for {@code uri}.
     *
     * @throws UnsupportedSchemeException if no provider reads it; the message lists the schemes available
     * @throws InvalidUriException if a provider reads its scheme but not its form (an {@code s3:} URI without a bucket)
     */
    public ByteRangeSource get(URI uri, SourceOptions options) {
        ByteRangeSourceProvider provider = find(uri).orElseThrow(() -> unsupported(uri));
        return new RetryingSource(provider.open(uri, options), RetryPolicy.from(options));
    }

    /**
     * The object URIs {@code uri} names (a prefix or glob listed by its provider, or itself);
     * fails with {@link UnsupportedSchemeException} when no provider reads it.
     */
    public Flux<URI> expand(URI uri, SourceOptions options) {
        return Flux.defer(() -> find(uri).map(p -> p.expand(uri, options)).orElseGet(() -> Flux.error(unsupported(uri))));
    }

    /** The objects {@code uri} names with what the listing says of each ({@link ByteRangeSourceProvider#list}). */
    public Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        return Flux.defer(() -> find(uri).map(p -> p.list(uri, options)).orElseGet(() -> Flux.error(unsupported(uri))));
    }

    private AstroCloudException unsupported(URI uri) {
        if (uri.getScheme() != null && schemes().contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
            return new InvalidUriException("a source reads scheme '" + uri.getScheme() + "' but not this URI's form"
                    + (uri.isOpaque() ? " (opaque: no '//' after the scheme)" : uri.getRawAuthority() == null
                    ? " (no host or bucket after '//')" : ""), uri);
        }
        return new UnsupportedSchemeException("no source reads "
                + (uri.getScheme() == null ? "URIs without a scheme" : "scheme '" + uri.getScheme() + "'")
                + "; available: " + String.join(", ", schemes()), uri);
    }

    /** Every scheme some provider reads, sorted. */
    public SortedSet<String> schemes() {
        SortedSet<String> all = new TreeSet<>();
        providers.forEach(p -> all.addAll(p.schemes()));
        return all;
    }

    /**
     * Releases the shared resources of every provider of this registry
     * ({@link ByteRangeSourceProvider#disposeLater()}), all at once. Lazy; completes when every
     * provider has finished, and errors after that if any failed (the others are still released).
     * Never blocks the subscribing thread, so it may be subscribed to on an event loop.
     * The registry stays usable: the next source opened makes fresh resources, while sources
     * opened before fail their later reads with a
     * {@code PermanentSourceException}.
     *
     * <pre>{@code
     * Mono<Void> shutdown = ByteRangeSources.installed().disposeLater();
     * }</pre>
     */
    public Mono<Void> disposeLater() {
        return Mono.whenDelayError(providers.stream().map(p -> Mono.defer(p::disposeLater)).toList());
    }

    /**
     * {@link #disposeLater()}, waiting until it is done: the connections are closed and the event
     * loop threads have ended when it returns. Closing twice is harmless.
     *
     * <pre>{@code
     * try (ByteRangeSources sources = ByteRangeSources.installed()) {
     *     FitsScanner.create().sources(sources).scanAll(uris).blockLast();
     * }
     * }</pre>
     *
     * @throws IllegalStateException on a thread that must not block (an event loop, Reactor's
     *         parallel scheduler): subscribe to {@link #disposeLater()} there instead
     */
    @Override
    public void close() {
        // blocks on purpose, for callers' own threads (main, shutdown hooks, a container's destroy); Reactor's
        // block() refuses event-loop and parallel threads, and nothing in src/main calls it from one
        disposeLater().block();
    }
}

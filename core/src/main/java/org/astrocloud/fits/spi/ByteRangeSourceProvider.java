package org.astrocloud.fits.spi;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens {@link ByteRangeSource}s for the URIs of some schemes. Implementations are found with
 * {@link java.util.ServiceLoader}: a module ships one line in
 * {@code META-INF/services/org.astrocloud.fits.spi.ByteRangeSourceProvider}.
 *
 * <p>When several providers support a URI (an S3 provider and the plain HTTP provider both read
 * {@code https://bucket.s3.amazonaws.com/key}), {@link ByteRangeSources} picks the one with the
 * highest {@link #specificity}.
 *
 * <p>A provider whose sources share connection pools, event loops or SDK clients owns them and
 * releases them in {@link #disposeLater()}; users release every provider's at once with
 * {@link ByteRangeSources#close()}.
 *
 * <pre>{@code
 * public final class ArchiveProvider implements ByteRangeSourceProvider {
 *     private final ConnectionProvider pool = ConnectionProvider.create("archive");
 *
 *     public Set<String> schemes() { return Set.of("archive"); }
 *     public ByteRangeSource open(URI uri, SourceOptions options) { return new ArchiveSource(uri, pool); }
 *     public Mono<Void> disposeLater() { return pool.disposeLater(); }
 * }
 * }</pre>
 */
public interface ByteRangeSourceProvider {

    /** The URI schemes this provider can read, in lower case; shown when no provider fits. */
    Set<String> schemes();

    /**
     * How specifically this provider matches {@code uri}: 0 when it cannot read it; 1 for a plain
     * scheme match (the default); higher to win over a generic provider of the same scheme.
     */
    default int specificity(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && schemes().contains(scheme.toLowerCase(Locale.ROOT)) ? 1 : 0;
    }

    /**
     * Returns a source for {@code uri}. Must not perform I/O: the source does its work when read.
     *
     * @throws IllegalArgumentException if {@code uri} is malformed for this provider
     */
    ByteRangeSource open(URI uri, SourceOptions options);

    /**
     * The object URIs that {@code uri} names: itself for an object; for a provider that can list,
     * every object under a prefix or matching a glob. Lazy and demand-driven: listing pages are
     * fetched as URIs are requested. The default returns {@code uri} itself.
     */
    default Flux<URI> expand(URI uri, SourceOptions options) {
        return Flux.just(uri);
    }

    /**
     * The objects {@code uri} names, as {@link #expand} finds them, with what the listing says about
     * each (size, ETag, modification time): what lets a catalog tell unchanged objects without a
     * request. The default gives {@link #expand}'s URIs with nothing known; providers whose listings
     * carry metadata (S3, local directories) override it.
     */
    default Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        return expand(uri, options).map(ObjectInfo::of);
    }

    /**
     * Releases what this provider's sources share (connection pools, event loops, SDK clients);
     * the default has nothing to release. Called through {@link ByteRangeSources#disposeLater()}.
     *
     * <p>Contract: lazy (nothing happens before subscription); completes when everything is
     * released; must not block the subscribing thread. Reads of sources opened before fail with
     * a non-transient {@code PermanentSourceException} from then on,
     * the ones in flight included; the next {@link #open} makes fresh resources. Harmless to call
     * twice, or before any source was opened.
     */
    default Mono<Void> disposeLater() {
        return Mono.empty();
    }
}

package org.astrocloud.s3;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.Glob;
import org.astrocloud.http.HttpByteRangeSourceProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.RequestPayer;

/**
 * Reads {@code s3://bucket/key} and AWS's S3 https URLs (path style and virtual-hosted) with
 * ranged GetObject calls on the AWS SDK v2 {@code S3AsyncClient}; lists prefixes and globs.
 * Registered with {@link java.util.ServiceLoader}. For AWS https URLs it is more specific than the
 * plain HTTP source, so those go through S3 (signing, requester pays); other https URLs stay with
 * the HTTP source. Settings are {@link S3Options}.
 *
 * <p>Each instance owns the {@code S3AsyncClient}s its sources share (one per client
 * configuration, built on first use) and their event loops; {@link #disposeLater()} closes them,
 * and {@code ByteRangeSources.installed().close()} does so for the instance {@code ServiceLoader}
 * made, with every other provider's resources.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create().option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
 * scanner.scanAll(scanner.expand(URI.create("s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits")))
 *        .subscribe(r -> log.info("{}: {} HDUs", r.uri(), r.headers().size()));
 * // at shutdown
 * ByteRangeSources.installed().close();
 * }</pre>
 */
public final class S3ByteRangeSourceProvider implements ByteRangeSourceProvider {
    private final S3Clients clients = new S3Clients();
    /** The Reactor Netty transport's client: pools and event loops of its own, closed with the SDK's. */
    private final HttpByteRangeSourceProvider http = new HttpByteRangeSourceProvider();

    /** Called by {@link java.util.ServiceLoader}. */
    public S3ByteRangeSourceProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public int specificity(URI uri) {
        if (S3Location.parse(uri).isEmpty()) {
            return 0;
        }
        return "s3".equalsIgnoreCase(uri.getScheme()) ? 1 : 10;
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        S3Location location = S3Location.parse(uri)
                .orElseThrow(() -> new InvalidUriException("not an S3 URI: s3://bucket/key or an AWS S3 https URL", uri));
        if (location.key().isEmpty()) {
            throw new InvalidUriException("an S3 object URI needs a key after the bucket: s3://bucket/key", uri);
        }
        S3ClientConfig config = S3ClientConfig.from(options, location.region());
        boolean requesterPays = options.get(S3Options.REQUESTER_PAYS).orElse(false);
        if (options.get(S3Options.TRANSPORT).orElse(S3Transport.SDK) == S3Transport.REACTOR_NETTY) {
            return S3OverHttp.open(uri, location, config, requesterPays, clients.current(), http);
        }
        return new S3ByteRangeSource(uri, location, clients.current(), config, requesterPays);
    }

    /**
     * Lists {@code s3://bucket/prefix/} (every object under it) and globs in the key
     * ({@code *} within a segment, {@code **} across, {@code ?}, {@code [...]}); any other URI is
     * itself. Pages of 1,000 keys are fetched only as URIs are requested. The URIs of {@link #list}.
     */
    @Override
    public Flux<URI> expand(URI uri, SourceOptions options) {
        return list(uri, options).map(ObjectInfo::uri);
    }

    /**
     * What {@link #expand} lists, with the size, ETag and modification time ListObjectsV2 gives for
     * each object; an object URI is itself with nothing known (no request).
     */
    @Override
    public Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        S3Location location = S3Location.parse(uri).orElse(null);
        if (location == null) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String key = location.key();
        int wildcard = Glob.firstWildcard(key);
        if (wildcard < 0 && !key.isEmpty() && !key.endsWith("/")) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String prefix = wildcard < 0 ? key : key.substring(0, wildcard);
        Pattern pattern = wildcard < 0 ? null : Glob.toRegex(key);
        boolean requesterPays = options.get(S3Options.REQUESTER_PAYS).orElse(false);
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix);
        if (requesterPays) {
            request.requestPayer(RequestPayer.REQUESTER);
        }
        ListObjectsV2Request built = request.build();
        S3ClientConfig config = S3ClientConfig.from(options, location.region());
        S3Clients.Generation generation = clients.current();
        return generation.client(config)
                .flatMapMany(c -> Flux.from(c.sdk().listObjectsV2Paginator(built).contents())
                        .onErrorMap(e -> generation.isClosed() ? e : S3Errors.translate(e, uri, -1, c.anonymous(), requesterPays)))
                .onErrorMap(e -> S3Errors.ifClosed(generation.isClosed(), e, uri, -1))
                .filter(o -> !o.key().endsWith("/") && (pattern == null || pattern.matcher(o.key()).matches()))
                .map(o -> new ObjectInfo(location.withKey(o.key()), o.size() == null ? -1 : o.size(), o.eTag(), o.lastModified()))
                .switchIfEmpty(Flux.error(() -> new ObjectNotFoundException("no object matches", uri, -1)));
    }

    /**
     * Closes this provider's S3 clients (their connections), their credentials providers and
     * their event loops, and completes when the loop threads have ended, about 100 ms later. The
     * SDK's own closing waits, so it runs on Reactor's bounded-elastic scheduler: this never
     * blocks the subscribing thread. Reads and listings of sources opened before fail from then on
     * with a {@code PermanentSourceException} (the ones in flight too, not retried); sources opened
     * afterwards build new clients. Harmless to call twice, or before any request.
     */
    @Override
    public Mono<Void> disposeLater() {
        return Mono.whenDelayError(clients.disposeLater(), http.disposeLater());
    }
}

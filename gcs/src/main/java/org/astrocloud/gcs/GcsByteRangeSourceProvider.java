package org.astrocloud.gcs;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RetryPolicy;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.KeyGlob;
import org.astrocloud.http.HttpByteRangeSourceProvider;
import org.astrocloud.http.HttpOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reads Google Cloud Storage objects, {@code gs://BUCKET/OBJECT} and
 * {@code https://storage.googleapis.com/BUCKET/OBJECT}, with ranged GETs of the JSON API's media download sent
 * by the http module's Reactor Netty client; lists prefixes and globs with the JSON API. Registered with
 * {@link java.util.ServiceLoader}; for {@code storage.googleapis.com} URLs it is more specific than the plain
 * HTTP source, so those are read (and listed) as GCS objects, with credentials. Settings are {@link GcsOptions}.
 *
 * <p>Requests carry an OAuth access token of the {@link GcsOptions#CREDENTIALS} (application default
 * credentials by default, anonymous when there are none), fetched and refreshed on Reactor's bounded-elastic
 * scheduler, never on an event loop. Each instance owns its connection pools and tokens;
 * {@link #disposeLater()} releases them, and {@code ByteRangeSources.installed().close()} does so for the
 * instance {@code ServiceLoader} made.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create().option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous());
 * scanner.scanAll(scanner.expand(URI.create("gs://my-archive/tess/tess-s0022-*-cube.fits")))
 *        .subscribe(r -> log.info("{}: {} HDUs", r.uri(), r.headers().size()));
 * // at shutdown
 * ByteRangeSources.installed().close();
 * }</pre>
 */
public final class GcsByteRangeSourceProvider implements ByteRangeSourceProvider {
    private static final int MAX_PAGE_SIZE = 1000;
    private final HttpByteRangeSourceProvider http = new HttpByteRangeSourceProvider();
    private final Map<GcsCredentials, GcsTokens> tokens = new ConcurrentHashMap<>();
    private final AtomicReference<ConnectionProvider> listingPool = new AtomicReference<>();

    /** Called by {@link java.util.ServiceLoader}. */
    public GcsByteRangeSourceProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gs");
    }

    /** 1 for {@code gs://BUCKET/...}; 10 for {@code https://storage.googleapis.com/BUCKET/...}, over plain HTTP's 1. */
    @Override
    public int specificity(URI uri) {
        return GcsLocation.parse(uri).map(l -> l.https() ? 10 : 1).orElse(0);
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        GcsLocation location = GcsLocation.parse(uri).orElseThrow(() -> new InvalidUriException(
                "not a GCS URI: gs://BUCKET/OBJECT or https://storage.googleapis.com/BUCKET/OBJECT", uri));
        if (location.object().isEmpty()) {
            throw new InvalidUriException("a GCS object URI needs an object name after the bucket: gs://BUCKET/OBJECT", uri);
        }
        URI url = GcsUrls.media(endpoint(options), location, options.get(GcsOptions.USER_PROJECT).orElse(null));
        int concurrency = options.get(SourceOptions.CONCURRENCY).orElse(16);
        // only the connection settings are passed on: plain HTTP reads' tokens and headers are not for Google
        SourceOptions settings = HttpOptions.connectionSettings(options);
        SourceOptions httpOptions = settings
                .with(SourceOptions.CONCURRENCY, concurrency)
                .with(HttpOptions.MAX_CONNECTIONS_PER_HOST, settings.get(HttpOptions.MAX_CONNECTIONS_PER_HOST)
                        .orElse(Math.min(concurrency, 256)))
                .with(HttpOptions.SIGNER, new GcsSigning(tokensFor(options), uri));
        return http.open(uri, url, httpOptions);
    }

    /**
     * Lists {@code gs://BUCKET/PREFIX/} (every object under it, {@code gs://BUCKET/} the whole bucket) and globs
     * in the object name ({@code *} within a segment, {@code **} across, {@code ?}, {@code [...]}); any other URI
     * is itself. Pages ({@link GcsOptions#PAGE_SIZE}, 1,000 objects by default) are fetched only as URIs are
     * requested, with the reads' connect and read time-outs ({@link HttpOptions#CONNECT_TIMEOUT},
     * {@link HttpOptions#READ_TIMEOUT}); a page that fails transiently is asked again as reads are
     * ({@link org.astrocloud.fits.spi.RetryOptions}). The URIs of {@link #list}.
     */
    @Override
    public Flux<URI> expand(URI uri, SourceOptions options) {
        return list(uri, options).map(ObjectInfo::uri);
    }

    /**
     * What {@link #expand} lists, with the size and update time the listing gives for each object; an object
     * URI is itself with nothing known (no request). A prefix or glob that names no object fails with
     * {@link ObjectNotFoundException}; a missing bucket too, denied listings with
     * {@link org.astrocloud.fits.error.ObjectAccessDeniedException}.
     */
    @Override
    public Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        GcsLocation location = GcsLocation.parse(uri).orElse(null);
        if (location == null) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String name = location.object();
        int wildcard = KeyGlob.firstWildcard(name);
        if (wildcard < 0 && !name.isEmpty() && !name.endsWith("/")) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String prefix = wildcard < 0 ? name : name.substring(0, wildcard);
        Pattern pattern = wildcard < 0 ? null : KeyGlob.toRegex(name);
        GcsCredentials credentials = options.get(GcsOptions.CREDENTIALS).orElse(GcsCredentials.automatic());
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, options.get(GcsOptions.PAGE_SIZE).orElse(MAX_PAGE_SIZE)));
        return Flux.defer(() -> new GcsListing(listingClient(options), endpoint(options), tokensFor(options),
                        credentials.kind() == GcsCredentials.Kind.ANONYMOUS, pageSize,
                        options.get(GcsOptions.USER_PROJECT).orElse(null), RetryPolicy.from(options))
                        .objects(location, prefix, uri))
                .filter(o -> !o.name().endsWith("/") && (pattern == null || pattern.matcher(o.name()).matches()))
                .map(o -> GcsListing.info(location, o))
                .switchIfEmpty(Flux.error(() -> new ObjectNotFoundException("no object matches", uri, -1)));
    }

    /**
     * Closes this provider's connection pools and its event loops, and forgets its tokens; completes when the
     * loop threads have ended. Never blocks. Reads of sources opened before fail from then on with a
     * {@code PermanentSourceException}; sources opened afterwards make new pools and fetch new tokens.
     * Harmless to call twice, or before any request.
     */
    @Override
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            tokens.clear();
            ConnectionProvider pool = listingPool.getAndSet(null);
            return Mono.whenDelayError(http.disposeLater(), pool == null ? Mono.empty() : pool.disposeLater());
        });
    }

    private static URI endpoint(SourceOptions options) {
        return options.get(GcsOptions.ENDPOINT).orElse(GcsUrls.DEFAULT_ENDPOINT);
    }

    private GcsTokens tokensFor(SourceOptions options) {
        return tokens.computeIfAbsent(options.get(GcsOptions.CREDENTIALS).orElse(GcsCredentials.automatic()), GcsTokens::new);
    }

    /** A client of the listing pool with the connect and read time-outs of the reads. */
    private HttpClient listingClient(SourceOptions options) {
        long connect = HttpOptions.connectTimeout(options).toMillis();
        return HttpClient.create(pool())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connect))
                .responseTimeout(HttpOptions.readTimeout(options))
                .followRedirect(false);
    }

    private ConnectionProvider pool() {
        ConnectionProvider pool = listingPool.get();
        while (pool == null) {
            ConnectionProvider made = ConnectionProvider.builder("astro-cloud-gcs-listing").maxConnections(16)
                    .maxIdleTime(Duration.ofSeconds(30)).build();
            if (listingPool.compareAndSet(null, made)) {
                return made;
            }
            made.dispose();
            pool = listingPool.get();
        }
        return pool;
    }
}

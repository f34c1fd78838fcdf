package org.astrocloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.BlobServiceVersion;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.RetryPolicy;
import org.astrocloud.fits.spi.support.KeyGlob;
import org.astrocloud.http.HttpByteRangeSourceProvider;
import org.astrocloud.http.HttpOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads Azure Blob Storage: {@code az://CONTAINER/BLOB} (the account from {@link AzureOptions#ACCOUNT}
 * or {@code AZURE_STORAGE_ACCOUNT}) and {@code https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB};
 * lists prefixes and globs. Registered with {@link java.util.ServiceLoader}; for
 * {@code *.blob.core.windows.net} URLs it is more specific than the plain HTTP source, so those
 * come here. Settings and credentials are {@link AzureOptions}.
 *
 * <p>Transport: ranged GETs go through the http module's Reactor Netty client, each authorized by
 * a signer (Shared Key from the SDK's {@code StorageSharedKeyCredential}, a bearer token, or a SAS
 * in the URL), so the range rules, retries and error mapping are those of every HTTP read, and a
 * server that ignores {@code Range} never makes us download a whole blob. Listings use the SDK's
 * {@code BlobContainerAsyncClient} on the JDK's HTTP client ({@code azure-core-http-jdk-httpclient}):
 * the SDK's own Netty client is excluded, so one Netty line (ours) is on the class path.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create().option(AzureOptions.ACCOUNT, "myaccount")
 *         .option(AzureOptions.SAS_TOKEN, System.getenv("AZURE_STORAGE_SAS_TOKEN"));
 * scanner.scanAll(scanner.expand(URI.create("az://tess/sector22/*-cube.fits")))
 *        .subscribe(r -> log.info("{}: {} HDUs", r.uri(), r.headers().size()));
 * ByteRangeSources.installed().close();   // at shutdown
 * }</pre>
 */
public final class AzureByteRangeSourceProvider implements ByteRangeSourceProvider {
    /** Blob names a listing page holds. */
    private static final int PAGE_SIZE = 1000;

    private final HttpByteRangeSourceProvider http = new HttpByteRangeSourceProvider();
    /** One token cache per credential, shared by every blob read with it. */
    private final Map<TokenCredential, AzureTokens> tokens = new ConcurrentHashMap<>();
    /** The listings' JDK HTTP clients, one per (connect, read) time-out pair: those of the reads. */
    private final Map<List<Duration>, HttpClient> listingClients = new ConcurrentHashMap<>();
    private final Map<String, String> env;
    private final int pageSize;

    /** Called by {@link java.util.ServiceLoader}. */
    public AzureByteRangeSourceProvider() {
        this(System.getenv(), PAGE_SIZE);
    }

    /** A provider that reads the environment {@code env} and lists {@code pageSize} names a page (for tests). */
    AzureByteRangeSourceProvider(Map<String, String> env, int pageSize) {
        this.env = env;
        this.pageSize = pageSize;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("az");
    }

    @Override
    public int specificity(URI uri) {
        if (AzureLocation.parse(uri).isEmpty()) {
            return 0;
        }
        return "az".equalsIgnoreCase(uri.getScheme()) ? 1 : 10;
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        AzureLocation location = location(uri);
        if (location.blob().isEmpty()) {
            throw new InvalidUriException("an Azure blob URI needs a blob name after the container: az://container/blob", uri);
        }
        AzureAccess access = AzureAccess.resolve(location, options, env, uri);
        SourceOptions httpOptions = HttpOptions.connectionSettings(options)
                .with(HttpOptions.HTTP2, false)
                .with(HttpOptions.SIGNER, new AzureSigning(access, access.token() == null ? null
                        : tokens.computeIfAbsent(access.token(), AzureTokens::new), uri));
        return http.open(uri, access.blobUrl(location), httpOptions);
    }

    private static AzureLocation location(URI uri) {
        return AzureLocation.parse(uri).orElseThrow(() -> new InvalidUriException(
                "not an Azure blob URI: az://container/blob or https://ACCOUNT.blob.core.windows.net/container/blob", uri));
    }

    /**
     * Lists {@code az://container/prefix/} (every blob under it, or the whole container) and globs
     * in the blob name ({@code *}, {@code **}, {@code ?}, {@code [...]}, see {@link KeyGlob}); any
     * other URI is itself. Pages of 1,000 names are fetched one at a time, only as URIs are requested, with
     * the reads' connect and read time-outs; a page that fails transiently is asked again as reads are
     * ({@link org.astrocloud.fits.spi.RetryOptions}).
     */
    @Override
    public Flux<URI> expand(URI uri, SourceOptions options) {
        return list(uri, options).map(ObjectInfo::uri);
    }

    /** What {@link #expand} lists, with the size, ETag and modification time of each blob. */
    @Override
    public Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        AzureLocation location = AzureLocation.parse(uri).orElse(null);
        if (location == null) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String blob = location.blob();
        int wildcard = KeyGlob.firstWildcard(blob);
        if (wildcard < 0 && !blob.isEmpty() && !blob.endsWith("/")) {
            return Flux.just(ObjectInfo.of(uri));
        }
        String prefix = wildcard < 0 ? blob : blob.substring(0, wildcard);
        Pattern pattern = wildcard < 0 ? null : KeyGlob.toRegex(blob);
        return Mono.fromCallable(() -> AzureAccess.resolve(location, options, env, uri))
                .flatMapMany(access -> pages(container(access, location.container(), listingClient(options)),
                        new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix).setMaxResultsPerPage(pageSize),
                        e -> AzureErrors.translate(e, uri, access.anonymous()), RetryPolicy.from(options)))
                .filter(b -> !Boolean.TRUE.equals(b.isPrefix()) && (pattern == null || pattern.matcher(b.getName()).matches()))
                .map(b -> info(location, b))
                .switchIfEmpty(Flux.error(() -> new ObjectNotFoundException("no blob matches", uri, -1)));
    }

    /**
     * The blobs of every page, each page asked for (with the last one's continuation token) only when every blob
     * before it has been requested, none before the first is; a page that fails transiently is asked again
     * under {@code retry} (the SDK's own retries are off), flat however many pages there are.
     */
    private static Flux<BlobItem> pages(BlobContainerAsyncClient container, ListBlobsOptions listing,
                                        Function<Throwable, Throwable> translate, RetryPolicy retry) {
        Function<String, Mono<PagedResponse<BlobItem>>> page = token -> Mono.defer(() ->
                        (token == null ? container.listBlobs(listing).byPage() : container.listBlobs(listing).byPage(token)).next())
                .onErrorMap(translate)
                .retryWhen(retry.retry(new ReadStats()));
        return page.apply(null)
                .expand(p -> p.getContinuationToken() == null || p.getContinuationToken().isEmpty() ? Mono.empty()
                        : page.apply(p.getContinuationToken()))
                .concatMap(p -> Flux.fromIterable(p.getValue()), 0);
    }

    private static ObjectInfo info(AzureLocation location, BlobItem b) {
        var p = b.getProperties();
        return new ObjectInfo(location.withBlob(b.getName()), p == null || p.getContentLength() == null ? -1 : p.getContentLength(),
                p == null || p.getETag() == null ? null : p.getETag(), p == null || p.getLastModified() == null ? null
                        : p.getLastModified().toInstant());
    }

    /**
     * The JDK HTTP client of listings with the connect and read time-outs of the reads
     * ({@link HttpOptions#CONNECT_TIMEOUT}, {@link HttpOptions#READ_TIMEOUT}, {@code --read-timeout}).
     */
    private HttpClient listingClient(SourceOptions options) {
        Duration connect = HttpOptions.connectTimeout(options);
        Duration read = HttpOptions.readTimeout(options);
        return listingClients.computeIfAbsent(List.of(connect, read), k -> new JdkHttpClientBuilder()
                .connectionTimeout(connect).responseTimeout(read).readTimeout(read).build());
    }

    /** The SDK's client of one container, authorized as the reads are; on {@code http}, its retries off (ours apply). */
    static BlobContainerAsyncClient container(AzureAccess access, String container, HttpClient http) {
        BlobContainerClientBuilder b = new BlobContainerClientBuilder()
                .endpoint(access.containerUrl(container))
                .httpClient(http)
                .serviceVersion(BlobServiceVersion.V2024_11_04)
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
        if (access.sas() != null) {
            b.sasToken(access.sas());
        } else if (access.sharedKey() != null) {
            b.credential(access.sharedKey());
        } else if (access.token() != null) {
            b.credential(access.token());
        }
        return b.buildAsyncClient();
    }

    /**
     * Closes the Reactor Netty pools and event loops of this provider's reads and forgets its tokens;
     * see {@link ByteRangeSourceProvider#disposeLater()}.
     */
    @Override
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            tokens.clear();
            listingClients.clear();   // a JDK HttpClient on 17 has no close: its threads end when it is collected
            return http.disposeLater();
        });
    }
}

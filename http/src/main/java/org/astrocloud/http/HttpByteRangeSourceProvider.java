package org.astrocloud.http;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Mono;

/**
 * Reads {@code http:} and {@code https:} URIs with range requests on Reactor Netty; registered
 * with {@link java.util.ServiceLoader}, so {@code FitsScanner} reads such URIs as soon as this
 * module is on the class path. Settings are {@link HttpOptions}.
 *
 * <p>Each instance owns the connection pools and the event loops its sources share (one pool per
 * transport configuration, made on the first request); {@link #disposeLater()} closes them, and
 * {@code ByteRangeSources.installed().close()} does so for the instance {@code ServiceLoader}
 * made, with every other provider's resources.
 *
 * <pre>{@code
 * FitsScanner.create()
 *     .option(HttpOptions.BEARER_TOKEN, token)
 *     .scan(URI.create("https://archive.example.org/tess-s0022-4-4-cube.fits"))
 *     .subscribe(h -> log.info("HDU {} {}", h.index(), h.kind()));
 * // at shutdown
 * ByteRangeSources.installed().close();
 * }</pre>
 */
public final class HttpByteRangeSourceProvider implements ByteRangeSourceProvider {
    private final AtomicReference<Map.Entry<SourceOptions, HttpSettings>> lastSettings = new AtomicReference<>();
    private final HttpClients clients = new HttpClients();

    /** Called by {@link java.util.ServiceLoader}. */
    public HttpByteRangeSourceProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        return open(uri, uri, options);
    }

    /**
     * A source that sends its requests to {@code url} but answers to {@code uri}, which its
     * results and errors name: for a source of another scheme that reads through HTTP, as the S3
     * module's Reactor Netty transport reads {@code s3://bucket/key} at the bucket's https URL.
     * Not retried (the registry retries the source it opens).
     *
     * <pre>{@code
     * ByteRangeSource s = http.open(URI.create("s3://b/k.fits"), URI.create("https://b.s3.amazonaws.com/k.fits"), options);
     * }</pre>
     */
    public ByteRangeSource open(URI uri, URI url, SourceOptions options) {
        HttpTarget.problem(url).ifPresent(problem -> {
            throw new InvalidUriException(problem, uri);
        });
        return new HttpByteRangeSource(uri, url, settingsFor(options), clients.current());
    }

    /**
     * Closes this provider's connection pools (their connections, idle or in use), then its event
     * loops, and completes when the loop threads have ended, about 100 ms later. Never blocks.
     * Reads of sources opened before fail from then on with a {@code PermanentSourceException}
     * (the ones in flight too, not retried); sources opened afterwards make new pools and loops
     * on their first request. Harmless to call twice, or before any request.
     */
    @Override
    public Mono<Void> disposeLater() {
        return clients.disposeLater();
    }

    /** Settings of the last options seen: a scan opens every file with the same options. */
    private HttpSettings settingsFor(SourceOptions options) {
        Map.Entry<SourceOptions, HttpSettings> last = lastSettings.get(); // non-blocking: an AtomicReference
        if (last != null && last.getKey().equals(options)) {
            return last.getValue();
        }
        HttpSettings settings = HttpSettings.from(options);
        lastSettings.set(Map.entry(options, settings));
        return settings;
    }
}

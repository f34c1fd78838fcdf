package org.astrocloud.http;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * Reads {@code http:} and {@code https:} URIs with range requests on Reactor Netty; registered
 * with {@link java.util.ServiceLoader}, so {@code FitsScanner} reads such URIs as soon as this
 * module is on the class path. Settings are {@link HttpOptions}.
 *
 * <pre>{@code
 * FitsScanner.create()
 *     .option(HttpOptions.BEARER_TOKEN, token)
 *     .scan(URI.create("https://archive.example.org/tess-s0022-4-4-cube.fits"))
 *     .subscribe(h -> log.info("HDU {} {}", h.index(), h.kind()));
 * }</pre>
 */
public final class HttpByteRangeSourceProvider implements ByteRangeSourceProvider {
    private final AtomicReference<Map.Entry<SourceOptions, HttpSettings>> lastSettings = new AtomicReference<>();

    /** Called by {@link java.util.ServiceLoader}. */
    public HttpByteRangeSourceProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("an http(s) URI needs a host: " + uri.getScheme() + "://...");
        }
        return new HttpByteRangeSource(uri, settingsFor(options));
    }

    /** Settings of the last options seen: a scan opens every file with the same options. */
    private HttpSettings settingsFor(SourceOptions options) {
        Map.Entry<SourceOptions, HttpSettings> last = lastSettings.get();
        if (last != null && last.getKey().equals(options)) {
            return last.getValue();
        }
        HttpSettings settings = HttpSettings.from(options);
        lastSettings.set(Map.entry(options, settings));
        return settings;
    }
}

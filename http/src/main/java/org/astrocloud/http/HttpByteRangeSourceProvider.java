package org.astrocloud.http;

import java.net.URI;
import java.util.Set;
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
        return new HttpByteRangeSource(uri, HttpSettings.from(options));
    }
}

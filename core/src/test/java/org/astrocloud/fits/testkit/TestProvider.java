package org.astrocloud.fits.testkit;

import java.net.URI;
import java.util.Set;
import java.util.function.Function;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.SourceOptions;

/** A provider for one scheme that opens sources with a function: for registries built in tests. */
public final class TestProvider implements ByteRangeSourceProvider {
    private final String scheme;
    private final int specificity;
    private final Function<URI, ByteRangeSource> opener;

    public TestProvider(String scheme, int specificity, Function<URI, ByteRangeSource> opener) {
        this.scheme = scheme;
        this.specificity = specificity;
        this.opener = opener;
    }

    public TestProvider(String scheme, Function<URI, ByteRangeSource> opener) {
        this(scheme, 1, opener);
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public int specificity(URI uri) {
        return scheme.equalsIgnoreCase(uri.getScheme()) ? specificity : 0;
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        return opener.apply(uri);
    }
}

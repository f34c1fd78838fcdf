package org.astrocloud.fits.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * Reads {@code file:} URIs with a non-blocking {@link java.nio.channels.AsynchronousFileChannel}.
 * Registered with {@link java.util.ServiceLoader}; it takes no options.
 */
public final class FileByteRangeSourceProvider implements ByteRangeSourceProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public FileByteRangeSourceProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public ByteRangeSource open(URI uri, SourceOptions options) {
        return new FileByteRangeSource(uri, Path.of(uri));
    }
}

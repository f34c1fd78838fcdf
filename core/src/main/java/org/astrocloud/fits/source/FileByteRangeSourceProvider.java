package org.astrocloud.fits.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Flux;

/**
 * Reads {@code file:} URIs with a non-blocking {@link java.nio.channels.AsynchronousFileChannel}.
 * Registered with {@link java.util.ServiceLoader}; it takes no options.
 *
 * <p>{@link #expand} lists: a directory names every regular file below it (recursively, sorted by
 * name, names starting with {@code .} skipped, links to directories not followed), and a path with
 * glob characters every file it matches, in the JDK's glob syntax
 * ({@code file:/data/s0022/*.fits}, {@code file:/data/**}{@code /*-cube.fits}). {@link #list} gives
 * the same files with their sizes and modification times, and a source's {@code revalidate}
 * compares those with what it knew without reading the file (no request).
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

    @Override
    public Flux<URI> expand(URI uri, SourceOptions options) {
        return LocalListing.expand(uri);
    }

    @Override
    public Flux<ObjectInfo> list(URI uri, SourceOptions options) {
        return LocalListing.list(uri);
    }
}

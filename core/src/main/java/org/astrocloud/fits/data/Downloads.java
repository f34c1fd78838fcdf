package org.astrocloud.fits.data;

import java.net.URI;
import java.util.Objects;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRangeSources;

/**
 * The entry point for downloads: which sources to open ({@link ByteRangeSources}) and the
 * {@link FitsScanner} whose settings apply (its source options, root map, read-ahead for the walk
 * to an HDU). Immutable; {@link #get(URI)} starts describing one {@link Download}.
 *
 * <pre>{@code
 * Downloads downloads = Downloads.create().scanner(FitsScanner.create().readAhead(16 * 2880));
 * downloads.get(URI.create("https://archive.example/data/image.fits"))
 *         .hdu(HduSelection.named("SCI"))
 *         .writeTo(Path.of("sci.fits"))
 *         .subscribe(r -> System.out.println(r.size() + " bytes in " + r.requests() + " requests"));
 * }</pre>
 */
public final class Downloads {
    private final ByteRangeSources registry;
    private final FitsScanner scanner;

    private Downloads(ByteRangeSources registry, FitsScanner scanner) {
        this.registry = registry;
        this.scanner = scanner;
    }

    /** Downloads with every source provider on the class path and the default scanner settings. */
    public static Downloads create() {
        return new Downloads(ByteRangeSources.installed(), FitsScanner.create());
    }

    /** A copy that opens sources with {@code sources}. */
    public Downloads sources(ByteRangeSources sources) {
        return new Downloads(Objects.requireNonNull(sources, "sources"), scanner.sources(sources));
    }

    /** A copy with the settings of {@code settings}: source options, root map, read-ahead. */
    public Downloads scanner(FitsScanner settings) {
        return new Downloads(registry, Objects.requireNonNull(settings, "settings"));
    }

    /** A download of the whole of {@code uri}, to be narrowed down and run. */
    public Download get(URI uri) {
        return Download.of(registry, scanner, uri);
    }
}

package org.astrocloud.fits.data;

import java.net.URI;
import org.astrocloud.fits.error.PermanentException;

/**
 * The object has no HDU that the {@link HduSelection} of a download names: the walk reached the
 * end of the file without finding it.
 *
 * <pre>{@code
 * downloads.get(uri).hdu(HduSelection.named("PIXELS")).writeTo(out)
 *     .doOnError(HduNotFoundException.class, e -> log.warn("no PIXELS in {}", e.uri()));
 * }</pre>
 */
public final class HduNotFoundException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for {@code selection}, which {@code uri} lacks. */
    public HduNotFoundException(HduSelection selection, URI uri) {
        this("no HDU " + selection, uri, -1);
    }

    private HduNotFoundException(String detail, URI uri, int hdu) {
        super(detail, uri, hdu, -1, null);
    }

    @Override
    protected HduNotFoundException withHdu(int index) {
        return new HduNotFoundException(detail(), uri().orElse(null), index);
    }
}

package org.astrocloud.fits.data;

import java.net.URI;
import org.astrocloud.fits.error.PermanentException;

/**
 * An HDU was asked of a file compressed as a whole (gzip): its HDU offsets lie in the decompressed
 * stream, so no byte range of the stored object holds the HDU. Download the whole object (or a
 * range of its stored bytes) instead, and decompress it locally.
 *
 * <pre>{@code
 * downloads.get(URI.create("https://host/data/image.fits.gz")).hdu(HduSelection.index(1)).writeTo(out)
 *     .onErrorResume(CompressedHduException.class, e -> downloads.get(e.uri().orElseThrow()).writeTo(whole));
 * }</pre>
 */
public final class CompressedHduException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for an object compressed with {@code compression}. */
    public CompressedHduException(String compression, URI uri) {
        this("the file is " + compression + "-compressed as a whole: its HDUs are not byte ranges of the stored"
                + " object; download it whole, or a --range of its stored bytes", uri, -1);
    }

    private CompressedHduException(String detail, URI uri, int hdu) {
        super(detail, uri, hdu, -1, null);
    }

    @Override
    protected CompressedHduException withHdu(int index) {
        return new CompressedHduException(detail(), uri().orElse(null), index);
    }
}

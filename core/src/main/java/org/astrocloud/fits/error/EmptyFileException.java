package org.astrocloud.fits.error;

import java.net.URI;

/** The object has no bytes at all. */
public final class EmptyFileException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    EmptyFileException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected EmptyFileException withHdu(int index) {
        return new EmptyFileException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

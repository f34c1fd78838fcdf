package org.astrocloud.fits.error;

import java.net.URI;

/** The object does not start with a FITS primary header (its first card is not {@code SIMPLE}), or is not gzip-compressed FITS. */
public final class NotFitsException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    NotFitsException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected NotFitsException withHdu(int index) {
        return new NotFitsException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

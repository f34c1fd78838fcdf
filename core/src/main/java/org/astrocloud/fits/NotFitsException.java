package org.astrocloud.fits;

import java.net.URI;

/** The object does not start with a FITS primary header (its first card is not {@code SIMPLE}), or is not gzip-compressed FITS. */
public class NotFitsException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public NotFitsException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

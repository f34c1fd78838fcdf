package org.astrocloud.fits;

import java.net.URI;

/** A compressed (gzip) FITS stream cannot be decompressed. */
public class CorruptCompressionException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public CorruptCompressionException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

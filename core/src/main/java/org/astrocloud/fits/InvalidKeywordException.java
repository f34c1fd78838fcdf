package org.astrocloud.fits;

import java.net.URI;

/** A mandatory keyword (BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, XTENSION) is missing or has an invalid value. */
public class InvalidKeywordException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public InvalidKeywordException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/** A mandatory keyword (BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, XTENSION) is missing or has an invalid value. */
public final class InvalidKeywordException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    InvalidKeywordException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected InvalidKeywordException withHdu(int index) {
        return new InvalidKeywordException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

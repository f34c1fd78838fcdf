package org.astrocloud.fits.error;

import java.net.URI;

/** A compressed (gzip) FITS stream cannot be decompressed. */
public final class CorruptCompressionException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    CorruptCompressionException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected CorruptCompressionException withHdu(int index) {
        return new CorruptCompressionException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

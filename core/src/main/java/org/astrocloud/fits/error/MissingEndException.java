package org.astrocloud.fits.error;

import java.net.URI;

/** A header reached the end of the file in whole 2880-byte blocks without an {@code END} card. */
public final class MissingEndException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    MissingEndException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected MissingEndException withHdu(int index) {
        return new MissingEndException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

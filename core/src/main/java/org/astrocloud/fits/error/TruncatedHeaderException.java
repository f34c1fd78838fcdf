package org.astrocloud.fits.error;

import java.net.URI;

/** A header's last 2880-byte block is cut short by the end of the file. */
public final class TruncatedHeaderException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    TruncatedHeaderException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected TruncatedHeaderException withHdu(int index) {
        return new TruncatedHeaderException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/** An HDU's data size or end offset does not fit in 64 bits; the header is corrupt. */
public final class DataSizeOverflowException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    DataSizeOverflowException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected DataSizeOverflowException withHdu(int index) {
        return new DataSizeOverflowException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

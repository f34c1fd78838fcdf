package org.astrocloud.fits;

import java.net.URI;

/** An HDU's data size or end offset does not fit in 64 bits; the header is corrupt. */
public class DataSizeOverflowException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public DataSizeOverflowException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

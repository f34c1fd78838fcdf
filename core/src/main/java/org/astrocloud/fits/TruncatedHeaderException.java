package org.astrocloud.fits;

import java.net.URI;

/** A header's last 2880-byte block is cut short by the end of the file. */
public class TruncatedHeaderException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public TruncatedHeaderException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

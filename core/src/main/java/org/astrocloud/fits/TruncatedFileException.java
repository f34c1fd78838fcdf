package org.astrocloud.fits;

import java.net.URI;

/** An HDU's data unit runs past the end of the file: the file was cut short. */
public class TruncatedFileException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public TruncatedFileException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

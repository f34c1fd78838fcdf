package org.astrocloud.fits;

import java.net.URI;

/** The object has no bytes at all. */
public class EmptyFileException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public EmptyFileException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

package org.astrocloud.fits;

import java.net.URI;

/** A header reached the end of the file in whole 2880-byte blocks without an {@code END} card. */
public class MissingEndException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public MissingEndException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

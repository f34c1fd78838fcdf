package org.astrocloud.fits;

import java.net.URI;

/** A header grew past the configured maximum size without an {@code END} card. */
public class HeaderTooLargeException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    /** Creates the error for HDU {@code hdu} at byte {@code offset}. */
    public HeaderTooLargeException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }
}

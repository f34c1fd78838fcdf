package org.astrocloud.fits.error;

import java.net.URI;

/** A header grew past the configured maximum size without an {@code END} card. */
public final class HeaderTooLargeException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    HeaderTooLargeException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected HeaderTooLargeException withHdu(int index) {
        return new HeaderTooLargeException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

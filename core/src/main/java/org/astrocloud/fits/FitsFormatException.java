package org.astrocloud.fits;

import java.net.URI;

/**
 * The bytes are not a valid FITS file at the point named by the HDU index and offset. Every HDU
 * before that point was emitted before this error.
 */
public abstract class FitsFormatException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** See {@link AstroCloudException#AstroCloudException}. */
    protected FitsFormatException(String detail, URI uri, int hdu, long offset, Throwable cause) {
        super(detail, uri, hdu, offset, cause);
    }
}

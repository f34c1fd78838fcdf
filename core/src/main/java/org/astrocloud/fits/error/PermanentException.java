package org.astrocloud.fits.error;

import java.net.URI;

/** A failure that a retry cannot fix: the object, the access or the bytes are wrong. */
public abstract class PermanentException extends AstroCloudException {
    private static final long serialVersionUID = 1L;

    /** See {@link AstroCloudException#AstroCloudException}. */
    protected PermanentException(String detail, URI uri, int hdu, long offset, Throwable cause) {
        super(detail, uri, hdu, offset, cause);
    }

    @Override
    public final boolean isTransient() {
        return false;
    }
}

package org.astrocloud.fits;

import java.net.URI;

/** The object exists, or may, but these credentials may not read it (HTTP 401/403, S3 AccessDenied). */
public class AccessDeniedException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public AccessDeniedException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public AccessDeniedException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }
}

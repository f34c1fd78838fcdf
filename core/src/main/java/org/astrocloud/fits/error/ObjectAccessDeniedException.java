package org.astrocloud.fits.error;

import java.net.URI;

/** The object exists, or may, but these credentials may not read it (HTTP 401/403, S3 AccessDenied). */
public final class ObjectAccessDeniedException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public ObjectAccessDeniedException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public ObjectAccessDeniedException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }

    private ObjectAccessDeniedException(ObjectAccessDeniedException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
    }

    @Override
    protected ObjectAccessDeniedException withHdu(int index) {
        return new ObjectAccessDeniedException(this, index);
    }
}

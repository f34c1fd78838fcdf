package org.astrocloud.fits.error;

import java.net.URI;

/** The object does not exist (HTTP 404, S3 NoSuchKey, no such file). */
public final class ObjectNotFoundException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public ObjectNotFoundException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public ObjectNotFoundException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }

    private ObjectNotFoundException(ObjectNotFoundException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
    }

    @Override
    protected ObjectNotFoundException withHdu(int index) {
        return new ObjectNotFoundException(this, index);
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/**
 * The object was replaced while it was being read: a read pinned to the ETag of the walk's first
 * answer ({@code If-Match}) got {@code 412 Precondition Failed}, or the source answered with another
 * ETag. Reading on would mix two versions of the object; the scanner walks it again from the start
 * once, and reports this error if it changes again.
 */
public final class ObjectChangedException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public ObjectChangedException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public ObjectChangedException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }

    private ObjectChangedException(ObjectChangedException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
    }

    @Override
    protected ObjectChangedException withHdu(int index) {
        return new ObjectChangedException(this, index);
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/** The server ignores range requests and would send the whole object; the read was cancelled at once. */
public final class RangeNotSupportedException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public RangeNotSupportedException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public RangeNotSupportedException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }

    private RangeNotSupportedException(RangeNotSupportedException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
    }

    @Override
    protected RangeNotSupportedException withHdu(int index) {
        return new RangeNotSupportedException(this, index);
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/** A failure of the storage that a retry cannot fix (a bad request, an unreadable file).  *
 * <p>Provider authors may extend it; {@link #atHdu} of a subclass that does not override
 * {@link #withHdu} gives a {@code PermanentSourceException}.
 */
public class PermanentSourceException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code offset} is -1 when unknown. */
    public PermanentSourceException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    /** Creates the error without a cause. */
    public PermanentSourceException(String detail, URI uri, long offset) {
        this(detail, uri, offset, null);
    }

    /** A copy of {@code original} naming HDU {@code hdu}; for {@link #withHdu} of subclasses. */
    protected PermanentSourceException(PermanentSourceException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
    }

    @Override
    protected PermanentSourceException withHdu(int index) {
        return new PermanentSourceException(this, index);
    }
}

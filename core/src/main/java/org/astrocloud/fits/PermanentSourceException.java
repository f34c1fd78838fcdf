package org.astrocloud.fits;

import java.net.URI;

/** A failure of the storage that a retry cannot fix (a bad request, an unreadable file). */
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
}

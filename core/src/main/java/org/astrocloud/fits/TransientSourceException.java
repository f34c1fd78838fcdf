package org.astrocloud.fits;

import java.net.URI;

/**
 * A failure that may go away on a retry: a time-out, throttling (429, SlowDown), a 5xx answer,
 * a reset or prematurely closed connection, a body shorter than announced.
 */
public class TransientSourceException extends AstroCloudException {
    private static final long serialVersionUID = 1L;

    /** A transient failure reading {@code uri} at {@code offset} (-1 when unknown). */
    public TransientSourceException(String detail, URI uri, long offset, Throwable cause) {
        super(detail, uri, -1, offset, cause);
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}

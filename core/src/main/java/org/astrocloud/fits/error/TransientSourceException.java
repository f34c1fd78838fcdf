package org.astrocloud.fits.error;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away on a retry: a time-out, throttling (429, SlowDown), a 5xx answer,
 * a reset or prematurely closed connection, a body shorter than announced.
 *
 * <p>Provider authors may extend it; {@link #atHdu} of a subclass that does not override
 * {@link #withHdu} gives a {@code TransientSourceException}.
 */
public class TransientSourceException extends AstroCloudException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** A transient failure reading {@code uri} at {@code offset} (-1 when unknown). */
    public TransientSourceException(String detail, URI uri, long offset, Throwable cause) {
        this(detail, uri, offset, cause, null);
    }

    /** A transient failure with the server's hint of when to try again ({@code Retry-After}); may be null. */
    public TransientSourceException(String detail, URI uri, long offset, Throwable cause, Duration retryAfter) {
        super(detail, uri, -1, offset, cause);
        this.retryAfter = retryAfter;
    }

    /** A copy of {@code original} naming HDU {@code hdu}; for {@link #withHdu} of subclasses. */
    protected TransientSourceException(TransientSourceException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, original.offset().orElse(-1), original.getCause());
        this.retryAfter = original.retryAfter;
    }

    @Override
    protected TransientSourceException withHdu(int index) {
        return new TransientSourceException(this, index);
    }

    /** How long the server asked us to wait before retrying, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}

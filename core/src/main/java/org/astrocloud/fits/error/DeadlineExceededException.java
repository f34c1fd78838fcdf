package org.astrocloud.fits.error;

import java.net.URI;
import java.time.Duration;

/**
 * A file's scan did not end within its deadline (the per-file deadline over all reads and retries,
 * or what was left of the whole scan's deadline). Transient: a later try, or a longer deadline, may
 * succeed.
 */
public final class DeadlineExceededException extends TransientSourceException {
    private static final long serialVersionUID = 1L;

    private final Duration deadline;

    /** The scan of {@code uri} took longer than {@code deadline}. */
    public DeadlineExceededException(String detail, URI uri, Duration deadline) {
        super(detail, uri, -1, null);
        this.deadline = deadline;
    }

    private DeadlineExceededException(DeadlineExceededException original, int hdu) {
        super(original, hdu);
        this.deadline = original.deadline;
    }

    /** The deadline that passed. */
    public Duration deadline() {
        return deadline;
    }

    @Override
    protected DeadlineExceededException withHdu(int index) {
        return new DeadlineExceededException(this, index);
    }
}

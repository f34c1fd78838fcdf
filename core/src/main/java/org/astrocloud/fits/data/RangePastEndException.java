package org.astrocloud.fits.data;

import java.net.URI;
import org.astrocloud.fits.error.PermanentException;

/**
 * A download asked for bytes the object does not have: a range that starts or ends past the end of
 * the object, or an HDU whose data unit the object cuts short. {@link #objectSize()} says how large
 * the object is.
 *
 * <pre>{@code
 * downloads.get(uri).range(ByteRange.of(1_000_000, 10)).writeTo(out)
 *     .onErrorResume(RangePastEndException.class, e -> Mono.error(new IllegalArgumentException(
 *             "the object has only " + e.objectSize() + " bytes")));
 * }</pre>
 */
public final class RangePastEndException extends PermanentException {
    private static final long serialVersionUID = 1L;

    private final long objectSize;

    /** Creates the error for an object of {@code objectSize} bytes. */
    public RangePastEndException(String detail, URI uri, long offset, long objectSize) {
        this(detail, uri, -1, offset, objectSize);
    }

    private RangePastEndException(String detail, URI uri, int hdu, long offset, long objectSize) {
        super(detail, uri, hdu, offset, null);
        this.objectSize = objectSize;
    }

    /** The size of the object in bytes. */
    public long objectSize() {
        return objectSize;
    }

    @Override
    protected RangePastEndException withHdu(int index) {
        return new RangePastEndException(detail(), uri().orElse(null), index, offset().orElse(-1), objectSize);
    }
}

package org.astrocloud.fits;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The root of every error astro-cloud signals. Unchecked, and split in two:
 * {@link TransientSourceException} (worth retrying: time-outs, throttling, 5xx, resets) and
 * {@link PermanentException} (retrying cannot help: not found, access denied, malformed FITS).
 * Retry policies filter on those two types.
 *
 * <p>Every error names where it happened: the object's URI, the HDU index and the byte offset,
 * as far as they are known. They are in {@link #getMessage()} and available one by one.
 * Messages never contain credentials: a URI's user info and the values of query parameters that
 * carry signatures or tokens (presigned URLs) are masked.
 */
public abstract class AstroCloudException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final URI uri;
    private volatile int hdu;
    private final long offset;

    /**
     * @param detail what went wrong, without the location
     * @param uri the object, or {@code null} when unknown
     * @param hdu the HDU index, or -1 when unknown
     * @param offset the byte offset, or -1 when unknown
     * @param cause the underlying failure, or {@code null}
     */
    protected AstroCloudException(String detail, URI uri, int hdu, long offset, Throwable cause) {
        super(detail, cause);
        this.detail = detail;
        this.uri = uri;
        this.hdu = hdu;
        this.offset = offset;
    }

    /** What went wrong, without the location. */
    public String detail() {
        return detail;
    }

    /** The object that failed, when known. */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** The index of the HDU being read, when known. */
    public OptionalInt hdu() {
        int h = hdu;
        return h < 0 ? OptionalInt.empty() : OptionalInt.of(h);
    }

    /** The byte offset where the problem was found, when known. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Whether retrying the same operation may succeed. */
    public abstract boolean isTransient();

    /** Fills in the HDU index when the layer that raised the error did not know it. */
    final AstroCloudException atHdu(int index) {
        if (hdu < 0) {
            hdu = index;
        }
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder b = new StringBuilder(detail).append(" [uri=").append(uri == null ? "unknown" : Redaction.redact(uri));
        if (hdu >= 0) {
            b.append(", hdu=").append(hdu);
        }
        if (offset >= 0) {
            b.append(", offset=").append(offset);
        }
        return b.append(']').toString();
    }
}

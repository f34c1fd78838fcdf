package org.astrocloud.fits.error;

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
    private final int hdu;
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
        return hdu < 0 ? OptionalInt.empty() : OptionalInt.of(hdu);
    }

    /** The byte offset where the problem was found, when known. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Whether retrying the same operation may succeed. */
    public abstract boolean isTransient();

    /**
     * This error, naming HDU {@code index} if it names none yet: errors are immutable, so this is
     * a copy (same type, detail, URI, offset, cause and stack trace) when the index is filled in.
     */
    public final AstroCloudException atHdu(int index) {
        if (hdu >= 0 || index < 0) {
            return this;
        }
        AstroCloudException copy = withHdu(index);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** A copy of this error that names HDU {@code index}; see {@link #atHdu}. */
    protected abstract AstroCloudException withHdu(int index);

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

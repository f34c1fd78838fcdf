package org.astrocloud.fits.error;

import java.net.URI;
import org.astrocloud.fits.internal.FormatErrors;

/**
 * The bytes are not a valid FITS file at the point named by the HDU index and offset. Every HDU
 * before that point was emitted before this error.
 *
 * <p>Only astro-cloud's walk raises format errors, so their constructors are not public; the walk
 * creates them through {@link FormatErrors}, which this class supplies with its factory.
 */
public abstract class FitsFormatException extends PermanentException {
    private static final long serialVersionUID = 1L;

    static {
        FormatErrors.install((kind, detail, uri, hdu, offset) -> switch (kind) {
            case NOT_FITS -> new NotFitsException(detail, uri, hdu, offset);
            case EMPTY_FILE -> new EmptyFileException(detail, uri, hdu, offset);
            case MISSING_END -> new MissingEndException(detail, uri, hdu, offset);
            case TRUNCATED_HEADER -> new TruncatedHeaderException(detail, uri, hdu, offset);
            case HEADER_TOO_LARGE -> new HeaderTooLargeException(detail, uri, hdu, offset);
            case TRUNCATED_FILE -> new TruncatedFileException(detail, uri, hdu, offset);
            case INVALID_KEYWORD -> new InvalidKeywordException(detail, uri, hdu, offset);
            case DATA_SIZE_OVERFLOW -> new DataSizeOverflowException(detail, uri, hdu, offset);
            case CORRUPT_COMPRESSION -> new CorruptCompressionException(detail, uri, hdu, offset);
        });
    }

    FitsFormatException(String detail, URI uri, int hdu, long offset, Throwable cause) {
        super(detail, uri, hdu, offset, cause);
    }
}

package org.astrocloud.fits.error;

import java.net.URI;

/** An HDU's data unit runs past the end of the file: the file was cut short. */
public final class TruncatedFileException extends FitsFormatException {
    private static final long serialVersionUID = 1L;

    TruncatedFileException(String detail, URI uri, int hdu, long offset) {
        super(detail, uri, hdu, offset, null);
    }

    @Override
    protected TruncatedFileException withHdu(int index) {
        return new TruncatedFileException(detail(), uri().orElse(null), index, offset().orElse(-1));
    }
}

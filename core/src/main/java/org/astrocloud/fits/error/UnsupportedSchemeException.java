package org.astrocloud.fits.error;

import java.net.URI;

/** No {@link org.astrocloud.fits.spi.ByteRangeSourceProvider} on the class path reads this URI. */
public final class UnsupportedSchemeException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code detail} lists the schemes that are available. */
    public UnsupportedSchemeException(String detail, URI uri) {
        super(detail, uri, -1, -1, null);
    }

    private UnsupportedSchemeException(UnsupportedSchemeException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, -1, original.getCause());
    }

    @Override
    protected UnsupportedSchemeException withHdu(int index) {
        return new UnsupportedSchemeException(this, index);
    }
}

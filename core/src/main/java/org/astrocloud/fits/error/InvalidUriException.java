package org.astrocloud.fits.error;

import java.net.URI;

/**
 * The URI cannot name an object: it does not parse, or its scheme is read by a provider but its
 * form is not (an http URI without a host or with a port out of range, an {@code s3:} URI without
 * a bucket or key). Nothing was requested. {@code uri} is the text as far as it could be kept.
 */
public final class InvalidUriException extends PermanentException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code detail} says what the URI lacks. */
    public InvalidUriException(String detail, URI uri, Throwable cause) {
        super(detail, uri, -1, -1, cause);
    }

    /** Creates the error without a cause. */
    public InvalidUriException(String detail, URI uri) {
        this(detail, uri, null);
    }

    private InvalidUriException(InvalidUriException original, int hdu) {
        super(original.detail(), original.uri().orElse(null), hdu, -1, original.getCause());
    }

    @Override
    protected InvalidUriException withHdu(int index) {
        return new InvalidUriException(this, index);
    }
}

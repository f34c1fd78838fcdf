package org.astrocloud.examples.cli;

import java.net.URI;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.error.Redaction;

/**
 * How a URI is printed: with its secrets masked ({@link Redaction}: user info, and signature,
 * credential and token query values), or, with {@code --no-redact}, exactly as given.
 */
enum UriText {
    /** Secrets masked: the default. */
    REDACTED,
    /** Exactly as given, secrets included. */
    EXACT;

    static UriText of(boolean noRedact) {
        return noRedact ? EXACT : REDACTED;
    }

    String show(URI uri) {
        return this == EXACT ? uri.toString() : Redaction.redact(uri);
    }

    /** The header's data reference as JSON, its URI shown the same way. */
    String dataReference(FitsHeader header) {
        return DataReference.of(header).toJson(this == REDACTED);
    }
}

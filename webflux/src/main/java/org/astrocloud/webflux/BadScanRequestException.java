package org.astrocloud.webflux;

/** A {@code POST /scans} body that names no files, or too many: answered with 400. */
public class BadScanRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the request */
    public BadScanRequestException(String message) {
        super(message);
    }
}

package org.astrocloud.webflux;

/** A {@code GET /catalog/query} whose parameters are not a well-formed search: answered with 400. */
public class BadCatalogQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the query */
    public BadCatalogQueryException(String message) {
        super(message);
    }
}

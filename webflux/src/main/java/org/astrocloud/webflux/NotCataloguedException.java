package org.astrocloud.webflux;

/** {@code GET /catalog/headers} for a URI the catalog holds no entry of: answered with 404. */
public class NotCataloguedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param uri the URI asked for, its secrets masked */
    public NotCataloguedException(String uri) {
        super("not in the catalog: " + uri);
    }
}

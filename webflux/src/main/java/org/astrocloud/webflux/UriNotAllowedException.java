package org.astrocloud.webflux;

/** A URI outside {@code astro-cloud.allowed-roots}, or not a URI the service reads at all: answered with 403. */
public class UriNotAllowedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param uri the URI as given
     * @param reason why it is refused
     */
    public UriNotAllowedException(String uri, String reason) {
        super("URI not allowed (" + reason + "): " + uri);
    }
}

package org.astrocloud.azure;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container and blob parsed from {@code az://CONTAINER/BLOB} (account from the options) or
 * {@code https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB} (account from the host; a query
 * string there is a SAS, kept as {@link #sas}). {@code az://CONTAINER@ACCOUNT/BLOB} is not
 * accepted: the user-info part is where URIs carry secrets, and messages mask it.
 */
record AzureLocation(String account, String container, String blob, String sas, boolean https) {

    /** Without the SAS: this value travels through Reactor chains, whose hooks and logs may print it. */
    @Override
    public String toString() {
        return "AzureLocation[account=" + account + ", container=" + container + ", blob=" + blob
                + (sas == null ? "" : ", sas=****") + ", https=" + https + "]";
    }
    private static final Pattern HOST = Pattern.compile("^([a-z0-9]{3,24})\\.blob\\.core\\.windows\\.net$");

    static Optional<AzureLocation> parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (scheme.equals("az")) {
            String container = uri.getRawAuthority();
            return container == null || container.isEmpty() || container.contains("@") ? Optional.empty()
                    : Optional.of(new AzureLocation(null, container, path, null, false));
        }
        if (!scheme.equals("https") || uri.getHost() == null) {
            return Optional.empty();
        }
        Matcher m = HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        return container.isEmpty() ? Optional.empty() : Optional.of(new AzureLocation(m.group(1), container,
                slash < 0 ? "" : path.substring(slash + 1), uri.getRawQuery(), true));
    }

    /** The URI of another blob of this container, in the form this location was written in (without a SAS). */
    URI withBlob(String otherBlob) {
        // as a string: java.net.URI's multi-argument constructors take the authority for a host
        // name, which valid container names such as $web are not
        String path = "/" + container + "/" + org.astrocloud.fits.spi.support.ObjectKeys.encodePath(otherBlob);
        return URI.create(https ? "https://" + account + ".blob.core.windows.net" + path : "az:/" + path);
    }
}

package org.astrocloud.azure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.spi.support.ObjectKeys;

/**
 * A container and blob parsed from {@code az://CONTAINER/BLOB} (account from the options) or
 * {@code https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB} (account from the host). The query
 * of an https URL is split in two: {@code snapshot} and {@code versionid}, which choose a version of
 * the blob, are the {@link #selector}; the rest is the {@link #sas} when it carries a signature
 * ({@code sig}), and is otherwise passed on with the selector. {@code az://CONTAINER@ACCOUNT/BLOB}
 * is not accepted: the user-info part is where URIs carry secrets, and messages mask it.
 */
record AzureLocation(String account, String container, String blob, String sas, String selector, boolean https) {
    private static final Set<String> SELECTORS = Set.of("snapshot", "versionid");

    /** Without the SAS: this value travels through Reactor chains, whose hooks and logs may print it. */
    @Override
    public String toString() {
        return "AzureLocation[account=" + account + ", container=" + container + ", blob=" + blob
                + (sas == null ? "" : ", sas=****") + (selector == null ? "" : ", " + selector) + ", https=" + https + "]";
    }
    private static final Pattern HOST = Pattern.compile("^([a-z0-9]{3,24})\\.blob\\.core\\.windows\\.net$");

    static Optional<AzureLocation> parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (scheme.equals("az")) {
            String container = uri.getRawAuthority();
            return container == null || container.isEmpty() || container.contains("@") ? Optional.empty()
                    : Optional.of(new AzureLocation(null, container, path, null, null, false));
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
        if (container.isEmpty()) {
            return Optional.empty();
        }
        List<String> selector = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean signed = false;
        for (String param : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String name = param.substring(0, param.indexOf('=') < 0 ? param.length() : param.indexOf('=')).toLowerCase(Locale.ROOT);
            if (SELECTORS.contains(name)) {
                selector.add(param);
            } else if (!param.isEmpty()) {
                rest.add(param);
                signed |= name.equals("sig");
            }
        }
        if (!signed) {
            selector.addAll(rest);
        }
        return Optional.of(new AzureLocation(m.group(1), container, slash < 0 ? "" : path.substring(slash + 1),
                signed ? String.join("&", rest) : null, selector.isEmpty() ? null : String.join("&", selector), true));
    }

    /**
     * The URI of another blob of this container, in the form this location was written in, with this
     * location's SAS (a container SAS that listed the blob reads it too; messages mask its signature)
     * and without its selector (a snapshot is of one blob).
     */
    URI withBlob(String otherBlob) {
        // as a string: java.net.URI's multi-argument constructors take the authority for a host
        // name, which valid container names such as $web are not
        String path = "/" + container + "/" + ObjectKeys.encodePath(otherBlob);
        return URI.create(https ? "https://" + account + ".blob.core.windows.net" + path + (sas == null ? "" : "?" + sas)
                : "az:/" + path);
    }
}

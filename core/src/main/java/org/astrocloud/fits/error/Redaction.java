package org.astrocloud.fits.error;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Masks the secrets a URI can carry before it is shown in a message: the user-info part and the
 * values of query parameters that hold signatures, credentials or tokens (presigned S3 URLs,
 * SAS tokens, API keys). Used by every astro-cloud message that names a URI; use it too where you
 * show one.
 *
 * <pre>{@code
 * Redaction.redact(URI.create("https://h/x.fits?X-Amz-Signature=abc"));   // "https://h/x.fits?X-Amz-Signature=****"
 * }</pre>
 */
public final class Redaction {
    private static final Set<String> SECRET_PARTS = Set.of("signature", "sig", "token", "credential", "key",
            "password", "secret", "auth", "policy");

    private Redaction() {
    }

    /** {@code uri} as text, with its user info and secret query values replaced by {@code ****}. */
    public static String redact(URI uri) {
        String raw = uri.toString();
        String authority = uri.getRawAuthority();
        int at = authority == null ? -1 : authority.lastIndexOf('@');
        if (at >= 0) { // user info, also in an authority that is not host:port (where getRawUserInfo() is null)
            raw = raw.replace("//" + authority, "//****" + authority.substring(at));
        }
        int q = raw.indexOf('?');
        if (q < 0) {
            return raw;
        }
        int hash = raw.indexOf('#', q);
        String query = hash < 0 ? raw.substring(q + 1) : raw.substring(q + 1, hash);
        StringBuilder out = new StringBuilder(raw.substring(0, q + 1));
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            out.append(i == 0 ? "" : "&").append(eq >= 0 && isSecret(name) ? name + "=****" : p);
        }
        return out.append(hash < 0 ? "" : raw.substring(hash)).toString();
    }

    private static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_PARTS.stream().anyMatch(n::contains);
    }
}

package org.astrocloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * Where an account's blobs are and how requests to it are authorized, resolved from the options,
 * the URI and the environment ({@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_CONNECTION_STRING},
 * {@code AZURE_STORAGE_SAS_TOKEN}, {@code AZURE_STORAGE_KEY}). At most one of {@code sas},
 * {@code sharedKey} and {@code token} is set; none means anonymous. No I/O.
 */
record AzureAccess(String account, URI endpoint, String sas, StorageSharedKeyCredential sharedKey, TokenCredential token) {

    /** Without the secrets: this value travels through Reactor chains, whose hooks and logs may print it. */
    @Override
    public String toString() {
        return "AzureAccess[account=" + account + ", endpoint=" + endpoint + ", " + (sas != null ? "sas=****"
                : sharedKey != null ? "shared key" : token != null ? "token credential" : "anonymous") + "]";
    }

    boolean anonymous() {
        return sas == null && sharedKey == null && token == null;
    }

    /** The blob's URL: under the endpoint, the blob name percent-encoded but for {@code /}, the SAS appended. */
    URI blobUrl(String container, String blob) {
        String url = containerUrl(container) + "/" + org.astrocloud.fits.spi.support.ObjectKeys.encodePath(blob);
        return URI.create(sas == null ? url : url + "?" + sas);
    }

    String containerUrl(String container) {
        return endpoint.toString().replaceAll("/+$", "") + "/" + container;
    }

    static AzureAccess resolve(AzureLocation location, SourceOptions options, Map<String, String> env, URI uri) {
        Map<String, String> cs = parseConnectionString(options.get(AzureOptions.CONNECTION_STRING)
                .orElse(env.get("AZURE_STORAGE_CONNECTION_STRING")));
        String account = location.account() != null ? location.account()
                : options.get(AzureOptions.ACCOUNT).or(() -> java.util.Optional.ofNullable(cs.get("accountname")))
                        .orElse(env.get("AZURE_STORAGE_ACCOUNT"));
        URI endpoint = options.get(AzureOptions.ENDPOINT).orElse(cs.containsKey("blobendpoint") ? URI.create(cs.get("blobendpoint")) : null);
        if (endpoint == null) {
            if (account == null || account.isEmpty()) {
                throw new InvalidUriException("no storage account for this az:// URI: set AzureOptions.ACCOUNT"
                        + " (--azure-account, AZURE_STORAGE_ACCOUNT) or use https://ACCOUNT.blob.core.windows.net/...", uri);
            }
            endpoint = URI.create("https://" + account + ".blob.core.windows.net");
        }
        if (options.get(AzureOptions.ANONYMOUS).orElse(false)) {
            return new AzureAccess(account, endpoint, null, null, null);
        }
        if (location.sas() != null) {
            return new AzureAccess(account, endpoint, location.sas(), null, null);
        }
        if (cs.containsKey("sharedaccesssignature")) {
            return new AzureAccess(account, endpoint, stripQuestionMark(cs.get("sharedaccesssignature")), null, null);
        }
        if (cs.containsKey("accountkey")) {
            return new AzureAccess(account, endpoint, null, new StorageSharedKeyCredential(account, cs.get("accountkey")), null);
        }
        String sas = options.get(AzureOptions.SAS_TOKEN).orElse(env.get("AZURE_STORAGE_SAS_TOKEN"));
        if (sas != null && !sas.isBlank()) {
            return new AzureAccess(account, endpoint, stripQuestionMark(sas), null, null);
        }
        String key = options.get(AzureOptions.ACCOUNT_KEY).orElse(env.get("AZURE_STORAGE_KEY"));
        if (key != null && !key.isBlank()) {
            if (account == null) {
                throw new InvalidUriException("an account key needs the account name: set AzureOptions.ACCOUNT", uri);
            }
            return new AzureAccess(account, endpoint, null, new StorageSharedKeyCredential(account, key), null);
        }
        return new AzureAccess(account, endpoint, null, null, options.get(AzureOptions.TOKEN_CREDENTIAL).orElse(null));
    }

    /** {@code Name=value;...} with lower-case names; values keep their {@code =} (keys are base64). */
    static Map<String, String> parseConnectionString(String connectionString) {
        Map<String, String> out = new HashMap<>();
        if (connectionString == null) {
            return out;
        }
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static String stripQuestionMark(String sas) {
        return sas.startsWith("?") ? sas.substring(1) : sas;
    }
}

package org.astrocloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.ObjectKeys;

/**
 * Where an account's blobs are and how requests to it are authorized, resolved from the URI, the
 * options and the environment ({@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_CONNECTION_STRING},
 * {@code AZURE_STORAGE_SAS_TOKEN}, {@code AZURE_STORAGE_KEY}). At most one of {@code sas},
 * {@code sharedKey} and {@code token} is set; none means anonymous. No I/O.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>{@link AzureOptions#ANONYMOUS} sends nothing; a SAS in an https URL is that URL's credential.</li>
 *   <li>Otherwise the first credential set wins, options before the environment: the connection string,
 *       the SAS, the account key, the token credential; then the environment's connection string, SAS
 *       and key. The environment's credentials count only when no credential option is set.</li>
 *   <li>The configured account is {@link AzureOptions#ACCOUNT}, else that connection string's
 *       {@code AccountName}, else {@code AZURE_STORAGE_ACCOUNT}. An {@code az://} URI is of that account.</li>
 *   <li>An https URL names its account in its host. A connection string, SAS or key is used for it only
 *       when no account is configured or the configured one is that account (they are secrets of one
 *       account, never sent to another); a token credential is not of one account and always applies.
 *       {@link AzureOptions#ENDPOINT} and a {@code BlobEndpoint} apply to it only when the configured
 *       account is its account.</li>
 * </ol>
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

    /** The blob's URL: under the endpoint, the blob name percent-encoded but for {@code /}, then the selector and the SAS. */
    URI blobUrl(AzureLocation location) {
        String url = containerUrl(location.container()) + "/" + ObjectKeys.encodePath(location.blob());
        String query = location.selector() == null ? sas : sas == null ? location.selector() : location.selector() + "&" + sas;
        return URI.create(query == null ? url : url + "?" + query);
    }

    String containerUrl(String container) {
        return endpoint.toString().replaceAll("/+$", "") + "/" + container;
    }

    static AzureAccess resolve(AzureLocation location, SourceOptions options, Map<String, String> env, URI uri) {
        boolean optionCredential = options.get(AzureOptions.CONNECTION_STRING).isPresent()
                || options.get(AzureOptions.SAS_TOKEN).isPresent() || options.get(AzureOptions.ACCOUNT_KEY).isPresent()
                || options.get(AzureOptions.TOKEN_CREDENTIAL).isPresent();
        Map<String, String> cs = parseConnectionString(options.get(AzureOptions.CONNECTION_STRING)
                .orElse(optionCredential ? null : env.get("AZURE_STORAGE_CONNECTION_STRING")));
        String configured = firstSet(options.get(AzureOptions.ACCOUNT).orElse(null), cs.get("accountname"),
                env.get("AZURE_STORAGE_ACCOUNT"));
        URI configuredEndpoint = options.get(AzureOptions.ENDPOINT)
                .orElse(cs.containsKey("blobendpoint") ? URI.create(cs.get("blobendpoint")) : null);
        String account;
        URI endpoint;
        boolean ours;   // whether the account's secrets may be sent
        if (location.https()) {
            account = location.account();
            boolean configuredHere = configured != null && configured.equalsIgnoreCase(account);
            ours = configured == null || configuredHere;
            endpoint = configuredHere && configuredEndpoint != null ? configuredEndpoint : defaultEndpoint(account);
        } else {
            account = configured;
            ours = true;
            if (configuredEndpoint == null && account == null) {
                throw new InvalidUriException("no storage account for this az:// URI: set AzureOptions.ACCOUNT"
                        + " (--azure-account, AZURE_STORAGE_ACCOUNT) or use https://ACCOUNT.blob.core.windows.net/...", uri);
            }
            endpoint = configuredEndpoint != null ? configuredEndpoint : defaultEndpoint(account);
        }
        if (options.get(AzureOptions.ANONYMOUS).orElse(false)) {
            return new AzureAccess(account, endpoint, null, null, null);
        }
        if (location.sas() != null) {
            return new AzureAccess(account, endpoint, location.sas(), null, null);
        }
        TokenCredential token = options.get(AzureOptions.TOKEN_CREDENTIAL).orElse(null);
        if (!ours) {
            return new AzureAccess(account, endpoint, null, null, token);
        }
        if (cs.containsKey("sharedaccesssignature")) {
            return new AzureAccess(account, endpoint, stripQuestionMark(cs.get("sharedaccesssignature")), null, null);
        }
        if (cs.containsKey("accountkey")) {
            String keyAccount = firstSet(cs.get("accountname"), account);
            if (keyAccount == null) {
                throw new InvalidUriException("the connection string has an AccountKey but no AccountName", uri);
            }
            return new AzureAccess(account, endpoint, null, new StorageSharedKeyCredential(keyAccount, cs.get("accountkey")), null);
        }
        String sas = options.get(AzureOptions.SAS_TOKEN).orElse(optionCredential ? null : env.get("AZURE_STORAGE_SAS_TOKEN"));
        if (sas != null && !sas.isBlank()) {
            return new AzureAccess(account, endpoint, stripQuestionMark(sas.trim()), null, null);
        }
        String key = options.get(AzureOptions.ACCOUNT_KEY).orElse(optionCredential ? null : env.get("AZURE_STORAGE_KEY"));
        if (key != null && !key.isBlank()) {
            if (account == null) {
                throw new InvalidUriException("an account key needs the account name: set AzureOptions.ACCOUNT", uri);
            }
            return new AzureAccess(account, endpoint, null, new StorageSharedKeyCredential(account, key.trim()), null);
        }
        return new AzureAccess(account, endpoint, null, null, token);
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

    private static URI defaultEndpoint(String account) {
        return URI.create("https://" + account + ".blob.core.windows.net");
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String stripQuestionMark(String sas) {
        return sas.startsWith("?") ? sas.substring(1) : sas;
    }
}

package org.astrocloud.azure;

import com.azure.core.credential.TokenCredential;
import java.net.URI;
import org.astrocloud.fits.spi.SourceOption;

/**
 * The settings of the Azure Blob Storage source, passed as {@link SourceOption}s. Credentials are
 * sensitive options: they never appear in {@code toString()}, logs or messages. The first of
 * {@link #CONNECTION_STRING}, {@link #SAS_TOKEN}, {@link #ACCOUNT_KEY} and {@link #TOKEN_CREDENTIAL}
 * that is set signs the requests, and then the environment's ({@code AZURE_STORAGE_CONNECTION_STRING},
 * {@code AZURE_STORAGE_SAS_TOKEN}, {@code AZURE_STORAGE_KEY}) are not read; with none (or with
 * {@link #ANONYMOUS}) requests go unsigned, for public containers. A connection string, SAS or key
 * is a secret of one account: an {@code https://OTHER.blob.core.windows.net/...} URL of an account
 * other than the configured {@link #ACCOUNT} is read without it (a token credential still applies),
 * and {@link #ENDPOINT} does not apply to it either. A SAS in an https URL is that URL's credential,
 * and blobs listed from it carry it too.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create()
 *         .option(AzureOptions.ACCOUNT, "myaccount")
 *         .option(AzureOptions.SAS_TOKEN, System.getenv("AZURE_STORAGE_SAS_TOKEN"));
 * FitsScanner azurite = FitsScanner.create()
 *         .option(AzureOptions.ENDPOINT, URI.create("http://127.0.0.1:10000/devstoreaccount1"))
 *         .option(AzureOptions.ACCOUNT_KEY, key);
 * }</pre>
 */
public final class AzureOptions {
    /** The storage account of {@code az://} URIs. Default: {@code AZURE_STORAGE_ACCOUNT}, else the connection string's. */
    public static final SourceOption<String> ACCOUNT = SourceOption.of("azure.account", String.class);
    /**
     * Where the account's blob service is (Azurite: {@code http://127.0.0.1:10000/devstoreaccount1}).
     * Default {@code https://ACCOUNT.blob.core.windows.net}, or the connection string's {@code BlobEndpoint}.
     */
    public static final SourceOption<URI> ENDPOINT = SourceOption.of("azure.endpoint", URI.class);
    /** A connection string ({@code AccountName=...;AccountKey=...} or {@code ...;SharedAccessSignature=...}). */
    public static final SourceOption<String> CONNECTION_STRING = SourceOption.sensitive("azure.connectionString", String.class);
    /** A shared access signature (the query string, with or without a leading {@code ?}), added to every URL. */
    public static final SourceOption<String> SAS_TOKEN = SourceOption.sensitive("azure.sasToken", String.class);
    /** The account key (base64): requests are signed with Shared Key. */
    public static final SourceOption<String> ACCOUNT_KEY = SourceOption.sensitive("azure.accountKey", String.class);
    /**
     * A Microsoft Entra ID credential ({@code DefaultAzureCredential} of azure-identity, which the
     * application adds): requests carry {@code Authorization: Bearer}. Tokens are fetched on
     * Reactor's bounded-elastic scheduler, never on an event loop, and reused until 2 minutes before
     * they expire.
     */
    public static final SourceOption<TokenCredential> TOKEN_CREDENTIAL =
            SourceOption.sensitive("azure.tokenCredential", TokenCredential.class);
    /** Send no credentials even if some are set or in the environment. Default false. */
    public static final SourceOption<Boolean> ANONYMOUS = SourceOption.of("azure.anonymous", Boolean.class);

    private AzureOptions() {
    }
}

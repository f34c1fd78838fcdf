package org.astrocloud.examples.cli;

import java.net.URI;
import org.astrocloud.azure.AzureOptions;
import org.astrocloud.fits.FitsScanner;
import picocli.CommandLine.Option;

/**
 * The Azure Blob Storage options of {@code fits-scan scan}, as a picocli mixin. Unset, the source
 * reads {@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_CONNECTION_STRING},
 * {@code AZURE_STORAGE_SAS_TOKEN} and {@code AZURE_STORAGE_KEY} from the environment itself;
 * {@code --anonymous} (of {@link S3Flags}) makes Azure requests unsigned too.
 */
final class AzureFlags {
    @Option(names = "--azure-account", paramLabel = "NAME", description = "The storage account of az:// URIs (default: AZURE_STORAGE_ACCOUNT).")
    String account;

    @Option(names = "--azure-endpoint", paramLabel = "URL",
            description = "The account's blob endpoint, e.g. Azurite's http://127.0.0.1:10000/devstoreaccount1.")
    URI endpoint;

    @Option(names = "--azure-sas", paramLabel = "TOKEN", description = "A shared access signature (default: AZURE_STORAGE_SAS_TOKEN).")
    String sas;

    @Option(names = "--azure-key", paramLabel = "KEY", description = "The account key, for Shared Key (default: AZURE_STORAGE_KEY).")
    String key;

    @Option(names = "--azure-connection-string", paramLabel = "STRING",
            description = "A storage connection string (default: AZURE_STORAGE_CONNECTION_STRING).")
    String connectionString;

    FitsScanner apply(FitsScanner scanner, boolean anonymous) {
        FitsScanner s = scanner;
        if (account != null) {
            s = s.option(AzureOptions.ACCOUNT, account);
        }
        if (endpoint != null) {
            s = s.option(AzureOptions.ENDPOINT, endpoint);
        }
        if (sas != null) {
            s = s.option(AzureOptions.SAS_TOKEN, sas);
        }
        if (key != null) {
            s = s.option(AzureOptions.ACCOUNT_KEY, key);
        }
        if (connectionString != null) {
            s = s.option(AzureOptions.CONNECTION_STRING, connectionString);
        }
        return anonymous ? s.option(AzureOptions.ANONYMOUS, true) : s;
    }
}

package org.astrocloud.examples.cli;

import java.net.URI;
import java.util.Map;
import org.astrocloud.azure.AzureOptions;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.SourceOption;
import picocli.CommandLine;
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

    // secrets are named by the environment variable that holds them, never given on the command
    // line, where other users of the machine see them (ps) and shells keep them (history)
    @Option(names = "--azure-sas-env", paramLabel = "VAR",
            description = "Read a shared access signature from environment variable VAR (default: AZURE_STORAGE_SAS_TOKEN).")
    String sasEnv;

    @Option(names = "--azure-key-env", paramLabel = "VAR",
            description = "Read the account key, for Shared Key, from environment variable VAR (default: AZURE_STORAGE_KEY).")
    String keyEnv;

    @Option(names = "--azure-connection-string-env", paramLabel = "VAR",
            description = "Read a storage connection string from environment variable VAR (default: AZURE_STORAGE_CONNECTION_STRING).")
    String connectionStringEnv;

    FitsScanner apply(FitsScanner scanner, boolean anonymous, Map<String, String> env, CommandLine commandLine) {
        FitsScanner s = scanner;
        if (account != null) {
            s = s.option(AzureOptions.ACCOUNT, account);
        }
        if (endpoint != null) {
            s = s.option(AzureOptions.ENDPOINT, endpoint);
        }
        s = secret(s, AzureOptions.SAS_TOKEN, "--azure-sas-env", sasEnv, env, commandLine);
        s = secret(s, AzureOptions.ACCOUNT_KEY, "--azure-key-env", keyEnv, env, commandLine);
        s = secret(s, AzureOptions.CONNECTION_STRING, "--azure-connection-string-env", connectionStringEnv, env, commandLine);
        return anonymous ? s.option(AzureOptions.ANONYMOUS, true) : s;
    }

    private static FitsScanner secret(FitsScanner s, SourceOption<String> option, String flag, String variable,
                                      Map<String, String> env, CommandLine commandLine) {
        return variable == null ? s : s.option(option, SourceFlags.fromEnvironment(flag, variable, env, commandLine));
    }
}

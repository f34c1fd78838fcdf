package org.astrocloud.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.gcs.GcsCredentials;
import org.astrocloud.gcs.GcsOptions;
import picocli.CommandLine.Option;

/**
 * The Google Cloud Storage options of {@code fits-scan}, as a picocli mixin. Without any, requests carry the
 * application default credentials' tokens when there are such credentials and are anonymous otherwise (public
 * buckets read as they are); {@code --anonymous} (shared with S3) never sends a token.
 */
final class GcsFlags {
    @Option(names = "--gcs-credentials", paramLabel = "FILE",
            description = "A service account's JSON key file for gs:// reads (default: application default credentials,"
                    + " else anonymous).")
    Path credentials;

    @Option(names = "--gcs-endpoint", paramLabel = "URL",
            description = "Where the GCS JSON API is served (a local server or emulator; default https://storage.googleapis.com).")
    URI endpoint;

    FitsScanner apply(FitsScanner scanner, boolean anonymous) {
        FitsScanner s = scanner;
        if (anonymous) {
            s = s.option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous());
        } else if (credentials != null) {
            s = s.option(GcsOptions.CREDENTIALS, GcsCredentials.serviceAccountFile(credentials.toAbsolutePath()));
        }
        if (endpoint != null) {
            s = s.option(GcsOptions.ENDPOINT, endpoint);
        }
        return s;
    }
}

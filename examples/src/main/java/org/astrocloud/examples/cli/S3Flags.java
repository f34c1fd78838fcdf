package org.astrocloud.examples.cli;

import java.net.URI;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;
import picocli.CommandLine.Option;

/** The S3 options of {@code fits-scan scan}, as a picocli mixin. */
final class S3Flags {
    @Option(names = "--anonymous", description = "Send S3 requests unsigned (public buckets such as stpubdata).")
    boolean anonymous;

    @Option(names = "--requester-pays", description = "Send x-amz-request-payer: requester (you pay for requests and transfer).")
    boolean requesterPays;

    @Option(names = "--region", paramLabel = "REGION", description = "The S3 region to sign for (default: from the URL or the environment).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (MinIO, Ceph, R2, ...), path style.")
    URI endpoint;

    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to take credentials from.")
    String profile;

    FitsScanner apply(FitsScanner scanner) {
        FitsScanner s = scanner;
        if (anonymous) {
            s = s.option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
        }
        if (requesterPays) {
            s = s.option(S3Options.REQUESTER_PAYS, true);
        }
        if (region != null) {
            s = s.option(S3Options.REGION, region);
        }
        if (endpoint != null) {
            s = s.option(S3Options.ENDPOINT, endpoint);
        }
        if (profile != null) {
            s = s.option(S3Options.PROFILE, profile).option(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN);
        }
        return s;
    }
}

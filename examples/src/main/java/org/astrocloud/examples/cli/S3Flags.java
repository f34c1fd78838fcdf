package org.astrocloud.examples.cli;

import java.net.URI;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;
import org.astrocloud.s3.S3Transport;
import picocli.CommandLine.Option;

/** The S3 options of {@code fits-scan scan}, as a picocli mixin. */
final class S3Flags {
    @Option(names = "--anonymous", description = "Send S3 requests unsigned, and Azure and GCS requests without credentials (public buckets such as stpubdata).")
    boolean anonymous;

    @Option(names = "--requester-pays", description = "Send x-amz-request-payer: requester (you pay for requests and transfer).")
    boolean requesterPays;

    @Option(names = "--region", paramLabel = "REGION", description = "The S3 region to sign for (default: from the URL or the environment).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (MinIO, Ceph, R2, ...), path style.")
    URI endpoint;

    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to take credentials from.")
    String profile;

    @Option(names = "--s3-transport", paramLabel = "sdk|reactor-netty", converter = TransportConverter.class,
            description = "How S3 GETs are sent: the AWS SDK's client (default) or Reactor Netty, signed with the SDK's SigV4 signer.")
    S3Transport transport;

    /** {@code sdk} or {@code reactor-netty}, any case. */
    static final class TransportConverter implements picocli.CommandLine.ITypeConverter<S3Transport> {
        @Override
        public S3Transport convert(String value) {
            return S3Transport.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

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
        if (transport != null) {
            s = s.option(S3Options.TRANSPORT, transport);
        }
        if (profile != null) {
            s = s.option(S3Options.PROFILE, profile).option(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN);
        }
        return s;
    }
}

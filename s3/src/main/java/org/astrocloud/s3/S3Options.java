package org.astrocloud.s3;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.spi.SourceOption;

/**
 * The settings of the S3 source, passed as {@link SourceOption}s. Retries are the shared
 * {@link org.astrocloud.fits.spi.RetryOptions}; the SDK's own retries are off, so that one policy
 * applies.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create()
 *         .option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS)     // public bucket
 *         .option(S3Options.REGION, "us-east-1");
 * FitsScanner payer = FitsScanner.create().option(S3Options.REQUESTER_PAYS, true);
 * FitsScanner minio = FitsScanner.create().option(S3Options.ENDPOINT, URI.create("http://127.0.0.1:9000"));
 * }</pre>
 */
public final class S3Options {
    /** How the ranged GETs are sent. Default {@link S3Transport#SDK}. */
    public static final SourceOption<S3Transport> TRANSPORT = SourceOption.of("s3.transport", S3Transport.class);
    /** How requests are signed. Default {@link S3Credentials#AUTO}. */
    public static final SourceOption<S3Credentials> CREDENTIALS = SourceOption.of("s3.credentials", S3Credentials.class);
    /** The profile of the shared config and credentials files to use (default chain only). */
    public static final SourceOption<String> PROFILE = SourceOption.of("s3.profile", String.class);
    /** Send {@code x-amz-request-payer: requester}: the reader pays for requests and transfer. Default false. */
    public static final SourceOption<Boolean> REQUESTER_PAYS = SourceOption.of("s3.requesterPays", Boolean.class);
    /**
     * The region to sign for. Default: the region in an AWS https URL, else the environment
     * ({@code AWS_REGION}, profile), else us-east-1; a bucket elsewhere is found from S3's redirect
     * and remembered.
     */
    public static final SourceOption<String> REGION = SourceOption.of("s3.region", String.class);
    /** An S3-compatible endpoint (MinIO, Ceph, R2, ...): requests go there, path style. */
    public static final SourceOption<URI> ENDPOINT = SourceOption.of("s3.endpoint", URI.class);
    /** Path-style addressing ({@code endpoint/bucket/key}). Default: true with an endpoint, else false. */
    public static final SourceOption<Boolean> PATH_STYLE = SourceOption.of("s3.pathStyle", Boolean.class);
    /** Connections the client may open. Default: the scan's concurrency. */
    public static final SourceOption<Integer> MAX_CONCURRENCY = SourceOption.of("s3.maxConcurrency", Integer.class);
    /** Time allowed to connect. Default 10 s. */
    public static final SourceOption<Duration> CONNECT_TIMEOUT = SourceOption.of("s3.connectTimeout", Duration.class);
    /** Longest wait for data on a connection. Default 30 s. */
    public static final SourceOption<Duration> READ_TIMEOUT = SourceOption.of("s3.readTimeout", Duration.class);

    private S3Options() {
    }
}

package org.astrocloud.gcs;

import java.net.URI;
import org.astrocloud.fits.spi.SourceOption;

/**
 * The settings of the Google Cloud Storage source, passed as {@link SourceOption}s. Retries are the shared
 * {@link org.astrocloud.fits.spi.RetryOptions}.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create()
 *         .option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous())            // a public bucket
 *         .option(GcsOptions.ENDPOINT, URI.create("http://127.0.0.1:4443"));    // a local server
 * }</pre>
 */
public final class GcsOptions {
    /** How requests are authorized. Default {@link GcsCredentials#automatic()}. */
    public static final SourceOption<GcsCredentials> CREDENTIALS = SourceOption.of("gcs.credentials", GcsCredentials.class);
    /**
     * Where the JSON API is served: {@code https://storage.googleapis.com} by default; a local server or
     * emulator ({@code http://127.0.0.1:4443}) in tests.
     */
    public static final SourceOption<URI> ENDPOINT = SourceOption.of("gcs.endpoint", URI.class);
    /** Objects asked for per listing page (the JSON API's {@code maxResults}, at most 1,000). Default 1,000. */
    public static final SourceOption<Integer> PAGE_SIZE = SourceOption.of("gcs.pageSize", Integer.class);
    /** Bill requests to this project ({@code userProject}): needed for requester-pays buckets. */
    public static final SourceOption<String> USER_PROJECT = SourceOption.of("gcs.userProject", String.class);

    private GcsOptions() {
    }
}

package org.astrocloud.fits.spi;

import java.time.Duration;

/**
 * The retry settings every network source reads from {@link SourceOptions}: one policy for all
 * sources ({@link RetryPolicy}), never stacked on a client library's own retries.
 */
public final class RetryOptions {
    /** Retries of a transient failure. Default 3. */
    public static final SourceOption<Integer> MAX_RETRIES = SourceOption.of("retry.maxRetries", Integer.class);
    /** The first retry's delay; each next one doubles, with jitter. Default 200 ms. */
    public static final SourceOption<Duration> BACKOFF = SourceOption.of("retry.backoff", Duration.class);
    /** The longest delay between retries, also the cap on a server's {@code Retry-After}. Default 20 s. */
    public static final SourceOption<Duration> MAX_BACKOFF = SourceOption.of("retry.maxBackoff", Duration.class);

    private RetryOptions() {
    }
}

package org.astrocloud.s3;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * What one shared {@code S3AsyncClient} is built from; equal configurations share a client.
 *
 * @param region the configured region, or null to use the URL's or the environment's
 */
record S3ClientConfig(String region, URI endpoint, boolean pathStyle, S3Credentials credentials, String profile,
                      int maxConcurrency, Duration connectTimeout, Duration readTimeout) {

    static final int DEFAULT_CONCURRENCY = 64;

    static S3ClientConfig from(SourceOptions o, String regionHint) {
        URI endpoint = o.get(S3Options.ENDPOINT).orElse(null);
        int concurrency = o.get(S3Options.MAX_CONCURRENCY)
                .orElse(o.get(SourceOptions.CONCURRENCY).orElse(DEFAULT_CONCURRENCY));
        if (concurrency < 1) {
            throw new IllegalArgumentException("S3 max concurrency must be at least 1: " + concurrency);
        }
        return new S3ClientConfig(o.get(S3Options.REGION).orElse(regionHint), endpoint,
                o.get(S3Options.PATH_STYLE).orElse(endpoint != null),
                o.get(S3Options.CREDENTIALS).orElse(S3Credentials.AUTO),
                o.get(S3Options.PROFILE).orElse(null), concurrency,
                o.get(S3Options.CONNECT_TIMEOUT).orElse(Duration.ofSeconds(10)),
                o.get(S3Options.READ_TIMEOUT).orElse(Duration.ofSeconds(30)));
    }
}

package org.astrocloud.http;

import java.time.Duration;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * The HTTP settings of one scan, read from {@link SourceOptions} with their defaults.
 * {@link Transport} is the part that shapes a client (and keys the shared clients); the rest is
 * applied per request.
 */
record HttpSettings(Transport transport, String bearerToken, String basicAuth, RequestHeaders headers,
                    RequestSigner signer, Duration requestTimeout, long smallObjectLimit, int maxRedirects) {

    static final int DEFAULT_CONNECTIONS = 64;

    /** What a shared client is built from; holds no secrets. */
    record Transport(Duration connectTimeout, Duration readTimeout, int maxConnectionsPerHost, boolean http2,
                     boolean trustAll) {
    }

    static HttpSettings from(SourceOptions o) {
        int concurrency = o.get(SourceOptions.CONCURRENCY).orElse(DEFAULT_CONNECTIONS);
        Transport transport = new Transport(
                HttpOptions.connectTimeout(o),
                HttpOptions.readTimeout(o),
                positive(o.get(HttpOptions.MAX_CONNECTIONS_PER_HOST).orElse(Math.min(concurrency, DEFAULT_CONNECTIONS)),
                        "max connections per host"),
                o.get(HttpOptions.HTTP2).orElse(true),
                o.get(HttpOptions.TRUST_ALL_CERTIFICATES).orElse(false));
        return new HttpSettings(transport,
                o.get(HttpOptions.BEARER_TOKEN).orElse(null),
                o.get(HttpOptions.BASIC_AUTH).orElse(null),
                o.get(HttpOptions.HEADERS).orElse(RequestHeaders.empty()),
                o.get(HttpOptions.SIGNER).orElse(null),
                o.get(HttpOptions.REQUEST_TIMEOUT).orElse(Duration.ofSeconds(120)),
                o.get(HttpOptions.SMALL_OBJECT_LIMIT).orElse(4L << 20),
                notNegative(o.get(HttpOptions.MAX_REDIRECTS).orElse(5), "max redirects"));
    }

    private static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1: " + value);
        }
        return value;
    }

    private static int notNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    /** Secrets are masked. */
    @Override
    public String toString() {
        return "HttpSettings[" + transport + ", bearerToken=" + (bearerToken == null ? "none" : "****")
                + ", basicAuth=" + (basicAuth == null ? "none" : "****") + ", headers=" + headers
                + ", signer=" + (signer == null ? "none" : "****")
                + ", smallObjectLimit=" + smallObjectLimit + "]";
    }
}

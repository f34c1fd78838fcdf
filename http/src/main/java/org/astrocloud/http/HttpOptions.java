package org.astrocloud.http;

import java.time.Duration;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * The settings of the HTTP(S) source, passed as {@link SourceOption}s. Secrets (token,
 * credentials, extra headers) are sensitive options: they never appear in {@code toString()},
 * logs or error messages, and they are not sent after a redirect to another host.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create()
 *         .option(HttpOptions.BEARER_TOKEN, System.getenv("ARCHIVE_TOKEN"))
 *         .option(HttpOptions.MAX_CONNECTIONS_PER_HOST, 8)
 *         .option(HttpOptions.MAX_RETRIES, 5);
 * }</pre>
 */
public final class HttpOptions {
    /** {@code Authorization: Bearer <token>}. */
    public static final SourceOption<String> BEARER_TOKEN = SourceOption.sensitive("http.bearerToken", String.class);
    /** {@code Authorization: Basic ...} from {@code user:password}. */
    public static final SourceOption<String> BASIC_AUTH = SourceOption.sensitive("http.basicAuth", String.class);
    /** Headers computed per request (a signature), sent to the origin only; see {@link RequestSigner}. */
    public static final SourceOption<RequestSigner> SIGNER = SourceOption.sensitive("http.signer", RequestSigner.class);
    /** Extra request headers, per host. */
    public static final SourceOption<RequestHeaders> HEADERS = SourceOption.sensitive("http.headers", RequestHeaders.class);
    /** Time allowed to open a connection (TCP and TLS). Default 10 s. */
    public static final SourceOption<Duration> CONNECT_TIMEOUT = SourceOption.of("http.connectTimeout", Duration.class);
    /** Longest wait for the response to start and between two reads of its body. Default 30 s. */
    public static final SourceOption<Duration> READ_TIMEOUT = SourceOption.of("http.readTimeout", Duration.class);
    /** Longest time one request may take from start to the last byte. Default 120 s. */
    public static final SourceOption<Duration> REQUEST_TIMEOUT = SourceOption.of("http.requestTimeout", Duration.class);
    /** Retries of a transient failure; the same option as {@link RetryOptions#MAX_RETRIES}. Default 3. */
    public static final SourceOption<Integer> MAX_RETRIES = RetryOptions.MAX_RETRIES;
    /** The first retry's delay; the same option as {@link RetryOptions#BACKOFF}. Default 200 ms. */
    public static final SourceOption<Duration> RETRY_BACKOFF = RetryOptions.BACKOFF;
    /** The longest delay between retries and cap on {@code Retry-After}; {@link RetryOptions#MAX_BACKOFF}. Default 20 s. */
    public static final SourceOption<Duration> MAX_RETRY_BACKOFF = RetryOptions.MAX_BACKOFF;
    /**
     * When a server ignores {@code Range} and answers 200, a body announced at most this long is
     * used as the whole object; anything larger is cancelled at once. Default 4 MiB.
     */
    public static final SourceOption<Long> SMALL_OBJECT_LIMIT = SourceOption.of("http.smallObjectLimit", Long.class);
    /**
     * Connections open at once to one host. Default: the scan's concurrency, at most 64 (polite to
     * public archives); raise it for your own servers.
     */
    public static final SourceOption<Integer> MAX_CONNECTIONS_PER_HOST = SourceOption.of("http.maxConnectionsPerHost", Integer.class);
    /** Redirects followed for one request. Default 5. */
    public static final SourceOption<Integer> MAX_REDIRECTS = SourceOption.of("http.maxRedirects", Integer.class);
    /** Offer HTTP/2 over TLS (negotiated by ALPN; HTTP/1.1 otherwise). Default true. */
    public static final SourceOption<Boolean> HTTP2 = SourceOption.of("http.http2", Boolean.class);
    /** Trust any TLS certificate. For tests against self-signed servers only. Default false. */
    public static final SourceOption<Boolean> TRUST_ALL_CERTIFICATES = SourceOption.of("http.trustAllCertificates", Boolean.class);

    private HttpOptions() {
    }

    /** The {@link #CONNECT_TIMEOUT} of {@code options}, or its default: for clients of other modules that follow it. */
    public static Duration connectTimeout(SourceOptions options) {
        return options.get(CONNECT_TIMEOUT).orElse(Duration.ofSeconds(10));
    }

    /** The {@link #READ_TIMEOUT} of {@code options}, or its default: for clients of other modules that follow it. */
    public static Duration readTimeout(SourceOptions options) {
        return options.get(READ_TIMEOUT).orElse(Duration.ofSeconds(30));
    }

    /**
     * Of {@code options}, only the scan's concurrency and the connection settings of plain HTTP
     * reads ({@link #MAX_CONNECTIONS_PER_HOST}, {@link #CONNECT_TIMEOUT}, {@link #READ_TIMEOUT},
     * {@link #SMALL_OBJECT_LIMIT}): what an object store's source that reads through this module
     * passes on, never the tokens, headers or signer meant for plain HTTP hosts.
     */
    public static SourceOptions connectionSettings(SourceOptions options) {
        SourceOptions out = SourceOptions.empty();
        out = copy(options, out, SourceOptions.CONCURRENCY);
        out = copy(options, out, MAX_CONNECTIONS_PER_HOST);
        out = copy(options, out, CONNECT_TIMEOUT);
        out = copy(options, out, READ_TIMEOUT);
        return copy(options, out, SMALL_OBJECT_LIMIT);
    }

    private static <T> SourceOptions copy(SourceOptions from, SourceOptions to, SourceOption<T> option) {
        return from.get(option).map(v -> to.with(option, v)).orElse(to);
    }
}

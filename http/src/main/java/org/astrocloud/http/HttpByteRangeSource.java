package org.astrocloud.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.support.ContentRange;
import org.astrocloud.fits.spi.support.RangeSlices;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Reads one HTTP(S) object with {@code Range} requests. Strict about answers: only a 206 whose
 * {@code Content-Range} starts where we asked is data; 416 means past the end; a 200 is the whole
 * object, used on purpose only when announced small, otherwise cancelled at once. Follows
 * redirects itself, dropping credentials when the origin changes; transient failures are retried
 * by core's registry, which wraps every source. Once the clients it was opened with are closed,
 * every read fails with a {@link PermanentSourceException}, the one in flight included.
 */
final class HttpByteRangeSource implements ByteRangeSource {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

    private final URI uri;
    private final HttpSettings settings;
    private final String authorization;
    private final HttpClients.Generation clients;   // shared; the TLS client is built only when an https URL is read
    private final ReadStats stats = new ReadStats();
    private final AtomicReference<ByteBuffer> wholeObject = new AtomicReference<>();

    HttpByteRangeSource(URI uri, HttpSettings settings, HttpClients.Generation clients) {
        this.uri = uri;
        this.settings = settings;
        this.authorization = settings.bearerToken() != null ? "Bearer " + settings.bearerToken()
                : settings.basicAuth() != null
                ? "Basic " + Base64.getEncoder().encodeToString(settings.basicAuth().getBytes(StandardCharsets.UTF_8))
                : null;
        this.clients = clients;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return Mono.defer(() -> {
            ByteBuffer whole = wholeObject.get(); // non-blocking: an AtomicReference
            if (whole != null) {
                return Mono.just(RangeSlices.slice(whole, range));
            }
            return Mono.defer(() -> exchange(uri, range, 0))
                    .timeout(settings.requestTimeout())
                    .onErrorMap(e -> failure(e, range.offset()));
        });
    }

    /** A failure as the caller sees it: once the clients are closed, anything but a permanent answer says so. */
    private Throwable failure(Throwable e, long offset) {
        if (clients.isClosed() && !(e instanceof AstroCloudException a && !a.isTransient())) {
            return HttpErrors.closed(uri, offset, e);
        }
        return HttpErrors.translate(e, uri, offset);
    }

    private Mono<RangeBytes> exchange(URI target, ByteRange range, int hop) {
        boolean sameOrigin = sameOrigin(uri, target);
        Optional<HttpClient> client = clients.client(settings.transport(), isHttps(target));
        if (client.isEmpty()) {
            return Mono.error(HttpErrors.closed(uri, range.offset(), null));
        }
        stats.recordRequest(0);
        return client.get()
                .headers(h -> {
                    h.set(HttpHeaderNames.RANGE, range.toHttpRange());
                    h.set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
                    if (sameOrigin && authorization != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, authorization);
                    }
                    settings.headers().forEach(sameOrigin, target.getHost(), h::add);
                })
                .get()
                .uri(target)
                .responseConnection((res, conn) -> answer(res, conn, range, target, hop))
                .next();
    }

    private Mono<RangeBytes> answer(HttpClientResponse res, Connection conn, ByteRange range, URI target, int hop) {
        int status = res.status().code();
        HttpHeaders headers = res.responseHeaders();
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if ((status == 200 || status == 206) && encoding != null && !encoding.equalsIgnoreCase("identity")) {
            conn.dispose();
            return Mono.error(new PermanentSourceException("the server sent the range with Content-Encoding "
                    + encoding + " although identity was asked for", uri, range.offset()));
        }
        if (status == 206) {
            return partial(headers, conn, range);
        }
        if (status == 416) {
            conn.dispose();
            OptionalLong size = ContentRange.parse(headers.get(HttpHeaderNames.CONTENT_RANGE))
                    .map(ContentRange::objectSize).orElse(OptionalLong.empty());
            return Mono.just(size.isPresent() ? RangeBytes.of(range.offset(), NO_BYTES, size.getAsLong())
                    : RangeBytes.ofUnknownSize(range.offset(), NO_BYTES));
        }
        if (status == 200) {
            return whole(headers, conn, range);
        }
        if (REDIRECTS.contains(status)) {
            conn.dispose();
            return redirect(headers.get(HttpHeaderNames.LOCATION), target, range, hop);
        }
        conn.dispose();
        return Mono.error(HttpErrors.forStatus(status, headers.get(HttpHeaderNames.RETRY_AFTER), uri, range.offset()));
    }

    private Mono<RangeBytes> partial(HttpHeaders headers, Connection conn, ByteRange range) {
        ContentRange cr = ContentRange.parse(headers.get(HttpHeaderNames.CONTENT_RANGE)).orElse(null);
        String problem = cr == null || cr.isUnsatisfied() ? "a 206 answer without a byte range in Content-Range"
                : cr.first() != range.offset() ? "asked for bytes " + range.offset() + "-" + range.last()
                        + ", the server sent " + cr.first() + "-" + cr.last()
                : cr.length() > range.length() ? "asked for " + range.length() + " bytes, the server sent " + cr.length()
                : null;
        if (problem != null) {
            conn.dispose();
            return Mono.error(new PermanentSourceException(problem, uri, range.offset()));
        }
        return receive(conn, (int) cr.length(), range).map(bytes -> cr.objectSize().isPresent()
                ? RangeBytes.of(range.offset(), bytes, cr.objectSize().getAsLong())
                : RangeBytes.ofUnknownSize(range.offset(), bytes));
    }

    private Mono<RangeBytes> whole(HttpHeaders headers, Connection conn, ByteRange range) {
        long length = contentLength(headers);
        if (length >= 0 && length <= settings.smallObjectLimit()) {
            return receive(conn, (int) length, range).map(all -> {
                wholeObject.set(all);
                return RangeSlices.slice(all, range);
            });
        }
        conn.dispose();
        return Mono.error(new RangeNotSupportedException("the server ignores Range: it answered 200 with the whole object ("
                + (length < 0 ? "length not announced" : length + " bytes") + ") to a request for bytes "
                + range.offset() + "-" + range.last() + "; the transfer was cancelled", uri, range.offset()));
    }

    private Mono<RangeBytes> redirect(String location, URI from, ByteRange range, int hop) {
        if (location == null) {
            return Mono.error(new PermanentSourceException("a redirect without a Location", uri, range.offset()));
        }
        if (hop >= settings.maxRedirects()) {
            return Mono.error(new PermanentSourceException("more than " + settings.maxRedirects() + " redirects", uri,
                    range.offset()));
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return Mono.error(new PermanentSourceException("a redirect to an invalid Location", uri, range.offset(), e));
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Mono.error(new PermanentSourceException("a redirect to a " + (scheme.isEmpty() ? "scheme-less" : scheme + ":")
                    + " location; only http and https redirects are followed", uri, range.offset()));
        }
        if (next.getHost() == null) {
            return Mono.error(new PermanentSourceException("a redirect to a location without a host", uri, range.offset()));
        }
        return exchange(next, range, hop + 1);
    }

    /** Receives exactly {@code length} body bytes. */
    private Mono<ByteBuffer> receive(Connection conn, int length, ByteRange range) {
        ByteBuffer target = ByteBuffer.allocate(length);
        return conn.inbound().receive()
                .doOnNext(buf -> copy(buf, target, range))
                .then(Mono.fromCallable(() -> {
                    if (target.hasRemaining()) {
                        throw new TransientSourceException("the body ended after " + target.position() + " of "
                                + length + " bytes", uri, range.offset(), null);
                    }
                    return target.flip();
                }));
    }

    private void copy(ByteBuf buf, ByteBuffer target, ByteRange range) {
        int n = buf.readableBytes();
        stats.recordBytes(n);
        if (n > target.remaining()) {
            throw new PermanentSourceException("the body is longer than announced", uri, range.offset());
        }
        buf.readBytes(target.array(), target.position(), n);
        target.position(target.position() + n);
    }

    private static long contentLength(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isHttps(URI u) {
        return "https".equals(u.getScheme().toLowerCase(Locale.ROOT));
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : isHttps(u) ? 443 : 80;
    }

    /** Same host and port, and no downgrade from https to http: where credentials may go. */
    static boolean sameOrigin(URI origin, URI target) {
        return origin.getHost().equalsIgnoreCase(target.getHost()) && port(origin) == port(target)
                && (isHttps(target) || !isHttps(origin));
    }

    @Override
    public ReadStats stats() {
        return stats;
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> wholeObject.set(null));
    }

    @Override
    public String toString() {
        return "HttpByteRangeSource[" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath() + "]";
    }
}

package org.astrocloud.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.Revalidation;
import org.astrocloud.fits.spi.support.ContentRange;
import org.astrocloud.fits.spi.support.RangeBody;
import org.astrocloud.fits.spi.support.RangeSlices;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Reads one HTTP(S) object with {@code Range} requests. Strict about answers ({@link RangeAnswer}):
 * only a 206 whose {@code Content-Range} starts where we asked is data; 416 means past the end; a
 * 200 is the whole object, used on purpose only when announced small, otherwise cancelled at once.
 * Every answer carries the response's {@code ETag} when the server sent one. Follows redirects
 * itself, dropping credentials when the origin changes; transient failures are retried by core's
 * registry, which wraps every source. {@link #stream(ByteRange)} takes one response body as it
 * arrives, with the same checks: bytes move only as there is demand, and cancelling closes the
 * connection. Once the clients it was opened with are closed, every read fails with a
 * {@link PermanentSourceException}, the one in flight included.
 *
 * <p>{@link #revalidate} is one {@code bytes=0-0} request with {@code If-None-Match} (or
 * {@code If-Modified-Since}): a 304 moves no body byte. {@link #pinned} is a view whose every request
 * carries {@code If-Match}, so that a 412 ({@link org.astrocloud.fits.error.ObjectChangedException})
 * says the object was replaced; the view shares this source's clients, counters and cached small
 * object. Every request, whatever it is for, goes through {@link #exchange}.
 */
final class HttpByteRangeSource implements ByteRangeSource {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    private static final ByteRange FIRST_BYTE = ByteRange.of(0, 1);

    /** How the body of a {@link RangeAnswer.Data} answer is taken: whole (a read) or as it arrives (a stream). */
    @FunctionalInterface
    private interface Body {
        Flux<RangeBytes> take(Connection conn, ContentRange announced, String validator);
    }

    /** What is made of an answer that is not a redirect: a read's bytes, a stream's, or a revalidation. */
    @FunctionalInterface
    private interface Outcome<T> {
        Flux<T> of(RangeAnswer verdict, HttpHeaders headers, Connection conn);
    }

    /** The object as a server that ignores Range sent it, with its validator. */
    private record WholeObject(ByteBuffer bytes, String validator) {
        RangeBytes slice(ByteRange range) {
            RangeBytes r = RangeSlices.slice(bytes, range);
            return RangeBody.answer(r.offset(), r.bytes(), r.objectSize(), validator);
        }
    }

    private final URI uri;          // what the source answers to and its errors name
    private final URI url;          // where its requests go: the same, unless another scheme reads through HTTP
    private final HttpSettings settings;
    private final String authorization;
    private final HttpClients.Generation clients;   // shared; the TLS client is built only when an https URL is read
    private final ReadStats stats;                   // shared with the pinned views
    private final AtomicReference<WholeObject> wholeObject;   // shared with the pinned views
    private final String pinnedTo;                   // the ETag every request names with If-Match, or null
    private final Precondition pin;

    HttpByteRangeSource(URI uri, URI url, HttpSettings settings, HttpClients.Generation clients) {
        this(uri, url, settings, authorization(settings), clients, new ReadStats(), new AtomicReference<>(), null);
    }

    private HttpByteRangeSource(URI uri, URI url, HttpSettings settings, String authorization, HttpClients.Generation clients,
                                ReadStats stats, AtomicReference<WholeObject> wholeObject, String pinnedTo) {
        this.uri = uri;
        this.url = url;
        this.settings = settings;
        this.authorization = authorization;
        this.clients = clients;
        this.stats = stats;
        this.wholeObject = wholeObject;
        this.pinnedTo = pinnedTo;
        this.pin = pinnedTo == null ? Precondition.NONE : Precondition.ifMatch(pinnedTo);
    }

    private static String authorization(HttpSettings settings) {
        return settings.bearerToken() != null ? "Bearer " + settings.bearerToken()
                : settings.basicAuth() != null
                ? "Basic " + Base64.getEncoder().encodeToString(settings.basicAuth().getBytes(StandardCharsets.UTF_8))
                : null;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return fetch(range, this::collect).next()
                .timeout(settings.requestTimeout())
                .onErrorMap(e -> failure(e, range.offset()));
    }

    /**
     * One request for {@code range} and its body as it arrives, one answer per buffer received, none
     * empty. No time limit on the whole (it may be 44 GB); the client's read time-out applies.
     */
    @Override
    public Flux<RangeBytes> stream(ByteRange range) {
        return fetch(range, this::flow)
                .filter(bytes -> bytes.length() > 0)
                .onErrorMap(e -> failure(e, range.offset()));
    }

    /**
     * One conditional request for the first byte: {@code If-None-Match} with {@code known}'s ETag,
     * else {@code If-Modified-Since} with its modification time ({@link Precondition#unlessChangedSince});
     * what the answer says is {@link RevalidationAnswer}'s. The byte of a 206 is received (and
     * counted) so that the connection goes back to the pool.
     */
    @Override
    public Mono<Revalidation> revalidate(ObjectInfo known) {
        Precondition condition = Precondition.unlessChangedSince(known);
        return Flux.defer(() -> exchange(url, FIRST_BYTE, condition, 0, (verdict, headers, conn) ->
                        revalidation(verdict, headers, conn, known)))
                .next()
                .timeout(settings.requestTimeout())
                .onErrorMap(e -> failure(e, 0));
    }

    /**
     * A view of this source whose every request carries {@code If-Match: validator}; it shares this
     * source's clients, counters and cached small object, and closing it releases nothing. A weak
     * validator ({@code W/...}) never matches {@code If-Match}, so this source itself is returned for one.
     */
    @Override
    public ByteRangeSource pinned(String validator) {
        if (validator == null || validator.startsWith("W/") || validator.equals(pinnedTo)) {
            return this;
        }
        return new HttpByteRangeSource(uri, url, settings, authorization, clients, stats, wholeObject, validator);
    }

    private Flux<RangeBytes> fetch(ByteRange range, Body body) {
        return Flux.defer(() -> {
            WholeObject whole = wholeObject.get(); // non-blocking: an AtomicReference
            boolean usable = whole != null && (pinnedTo == null || pinnedTo.equals(whole.validator()));
            return usable ? Flux.just(whole.slice(range))
                    : exchange(url, range, pin, 0, (verdict, headers, conn) -> data(verdict, headers, conn, range, body));
        });
    }

    /** A failure as the caller sees it: once the clients are closed, anything but a permanent answer says so. */
    private Throwable failure(Throwable e, long offset) {
        if (clients.isClosed() && !(e instanceof AstroCloudException a && !a.isTransient())) {
            return HttpErrors.closed(uri, offset, e);
        }
        return HttpErrors.translate(e, uri, offset);
    }

    /**
     * The one request path: a GET of {@code range} with {@code condition} to {@code target}, credentials
     * only to the origin, redirects followed; every request counted. What the answer makes is {@code outcome}'s.
     */
    private <T> Flux<T> exchange(URI target, ByteRange range, Precondition condition, int hop, Outcome<T> outcome) {
        boolean sameOrigin = sameOrigin(url, target);
        Optional<HttpClient> client = clients.client(settings.transport(), isHttps(target));
        if (client.isEmpty()) {
            return Flux.error(HttpErrors.closed(uri, range.offset(), null));
        }
        RequestSigner signer = sameOrigin ? settings.signer() : null;
        if (signer == null) {
            return send(client.get(), target, range, condition, hop, outcome, sameOrigin, Map.of());
        }
        Map<String, String> toSign = new LinkedHashMap<>();
        toSign.put("Range", range.toHttpRange());
        if (condition.name() != null) {   // If-Match / If-Unmodified-Since: Azure's Shared Key signs them
            toSign.put(condition.name().toString(), condition.value());
        }
        settings.headers().forEach(true, target.getHost(), toSign::put);
        return signer.sign(target, Map.copyOf(toSign))
                .flatMapMany(signed -> send(client.get(), target, range, condition, hop, outcome, true, signed));
    }

    private <T> Flux<T> send(HttpClient client, URI target, ByteRange range, Precondition condition, int hop,
                             Outcome<T> outcome, boolean sameOrigin, Map<String, String> signed) {
        stats.recordRequest(0);
        return client
                .headers(h -> {
                    h.set(HttpHeaderNames.RANGE, range.toHttpRange());
                    h.set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
                    condition.applyTo(h);
                    if (sameOrigin && authorization != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, authorization);
                    }
                    settings.headers().forEach(sameOrigin, target.getHost(), h::add);
                    signed.forEach(h::set);
                })
                .get()
                .uri(target)
                .responseConnection((res, conn) -> {
                    HttpHeaders headers = res.responseHeaders();
                    RangeAnswer verdict = RangeAnswer.of(res.status().code(), headers, range, settings.smallObjectLimit(), uri);
                    if (verdict instanceof RangeAnswer.Redirect redirect) {
                        conn.dispose();
                        return redirect(redirect.location(), target, range, condition, hop, outcome);
                    }
                    return outcome.of(verdict, headers, conn);
                });
    }

    /** The bytes an answer to a read or a stream of {@code range} gives. */
    private Flux<RangeBytes> data(RangeAnswer verdict, HttpHeaders headers, Connection conn, ByteRange range, Body body) {
        String validator = headers.get(HttpHeaderNames.ETAG);
        if (verdict instanceof RangeAnswer.Data data) {
            return body.take(conn, data.contentRange(), validator);
        }
        if (verdict instanceof RangeAnswer.Whole whole) {
            return receive(conn, whole.length(), range.offset()).map(all -> {
                WholeObject object = new WholeObject(all, validator);
                wholeObject.set(object);
                return object.slice(range);
            }).flux();
        }
        conn.dispose();
        if (verdict instanceof RangeAnswer.Past past) {
            return Flux.just(RangeBody.answer(range.offset(), NO_BYTES, past.objectSize(), validator));
        }
        return Flux.error(refusal(verdict, range.offset()));
    }

    /** The revalidation an answer gives; the body of a 304 (none) and of a 206 (one byte) is taken, others are dropped. */
    private Flux<Revalidation> revalidation(RangeAnswer verdict, HttpHeaders headers, Connection conn, ObjectInfo known) {
        Revalidation found = RevalidationAnswer.of(verdict, headers, known, uri);
        if (found == null) {
            conn.dispose();
            return Flux.error(refusal(verdict, 0));
        }
        if (verdict instanceof RangeAnswer.Data data) {
            return receive(conn, (int) data.contentRange().length(), 0).thenReturn(found).flux();
        }
        if (verdict instanceof RangeAnswer.NotModified) {
            return receive(conn, 0, 0).thenReturn(found).flux();
        }
        conn.dispose();
        return Flux.just(found);
    }

    /** The error of an answer that is neither data nor a redirect. */
    private AstroCloudException refusal(RangeAnswer verdict, long offset) {
        return verdict instanceof RangeAnswer.Refused refused ? refused.error()
                : new PermanentSourceException("unexpected answer to a range request: " + verdict, uri, offset);
    }

    /** A read's body: exactly the announced bytes, in one buffer. */
    private Flux<RangeBytes> collect(Connection conn, ContentRange announced, String validator) {
        return receive(conn, (int) announced.length(), announced.first())
                .map(bytes -> RangeBody.answer(announced.first(), bytes, announced.objectSize(), validator))
                .flux();
    }

    /**
     * A stream's body: each buffer copied to the heap as it arrives (Reactor Netty releases it after
     * that), read from the socket only on demand; the connection is closed unless the body completed.
     */
    private Flux<RangeBytes> flow(Connection conn, ContentRange announced, String validator) {
        Flux<ByteBuffer> body = conn.inbound().receive()
                .map(HttpByteRangeSource::heapCopy)
                .doFinally(signal -> {
                    if (signal != SignalType.ON_COMPLETE) {
                        conn.dispose();
                    }
                });
        return RangeBody.of(body, announced, validator, stats, uri);
    }

    private static ByteBuffer heapCopy(ByteBuf buf) {
        ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
        buf.readBytes(copy);
        return copy.flip();
    }

    private <T> Flux<T> redirect(String location, URI from, ByteRange range, Precondition condition, int hop,
                                 Outcome<T> outcome) {
        if (location == null) {
            return Flux.error(new PermanentSourceException("a redirect without a Location", uri, range.offset()));
        }
        if (hop >= settings.maxRedirects()) {
            return Flux.error(new PermanentSourceException("more than " + settings.maxRedirects() + " redirects", uri,
                    range.offset()));
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return Flux.error(new PermanentSourceException("a redirect to an invalid Location", uri, range.offset(), e));
        }
        java.util.Optional<String> problem = HttpTarget.problem(next);
        if (problem.isPresent()) {
            return Flux.error(new PermanentSourceException("a redirect that cannot be followed: " + problem.get(), uri,
                    range.offset()));
        }
        return exchange(next, range, condition, hop + 1, outcome);
    }

    /** Receives exactly {@code length} body bytes, of an answer at {@code offset}. */
    private Mono<ByteBuffer> receive(Connection conn, int length, long offset) {
        ByteBuffer target = ByteBuffer.allocate(length);
        return conn.inbound().receive()
                .doOnNext(buf -> copy(buf, target, offset))
                .then(Mono.fromCallable(() -> {
                    if (target.hasRemaining()) {
                        throw new TransientSourceException("the body ended after " + target.position() + " of "
                                + length + " bytes", uri, offset, null);
                    }
                    return target.flip();
                }));
    }

    private void copy(ByteBuf buf, ByteBuffer target, long offset) {
        int n = buf.readableBytes();
        stats.recordBytes(n);
        if (n > target.remaining()) {
            throw new PermanentSourceException("the body is longer than announced", uri, offset);
        }
        buf.readBytes(target.array(), target.position(), n);
        target.position(target.position() + n);
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
        return pinnedTo != null ? Mono.empty() : Mono.fromRunnable(() -> wholeObject.set(null));   // a view owns nothing
    }

    @Override
    public String toString() {
        return "HttpByteRangeSource[" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath() + (pinnedTo == null ? "" : ", If-Match " + pinnedTo) + "]";
    }
}

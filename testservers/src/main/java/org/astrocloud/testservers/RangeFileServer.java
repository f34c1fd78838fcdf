package org.astrocloud.testservers;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Reactor Netty file server on 127.0.0.1 with single-range support (206, suffix ranges, 416,
 * 200 without Range), or one that ignores Range altogether. Records every request it gets, counts
 * the body bytes it sends, and counts the TCP connections it accepts and how many are open, so
 * that tests can see a client close its pooled connections.
 *
 * <p>Like nginx for static files, it sends {@code ETag: "hex(mtime seconds)-hex(size)"} and
 * {@code Last-Modified}, and honours, in RFC 9110's order, {@code If-Match} (412 when no listed ETag
 * matches strongly), {@code If-None-Match} (304 when one matches) and, without it,
 * {@code If-Modified-Since} (304 when the file is not newer), before it looks at {@code Range}.
 *
 * <pre>{@code
 * try (RangeFileServer server = RangeFileServer.serving(dir)) {
 *     sources.get(URI.create(server.url("cube.fits")), SourceOptions.empty()).read(range).block();
 *     sources.close();
 *     server.noConnectionOpen().block(Duration.ofSeconds(10));   // the client let go of its connection
 * }
 * }</pre>
 */
public final class RangeFileServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String uri, String range, String authorization, io.netty.handler.codec.http.HttpHeaders headers,
                          String protocol, String method) {
        /** A GET seen with its protocol. */
        public Request(String uri, String range, String authorization, io.netty.handler.codec.http.HttpHeaders headers,
                       String protocol) {
            this(uri, range, authorization, headers, protocol, "GET");
        }

        /** A GET seen without knowing its protocol. */
        public Request(String uri, String range, String authorization, io.netty.handler.codec.http.HttpHeaders headers) {
            this(uri, range, authorization, headers, "");
        }
    }

    private final Path root;
    private final boolean ignoreRange;
    private final boolean secure;
    private final DisposableServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong bodyBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<String> completedBodies = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The number of open connections after each change, the latest replayed. */
    private final Sinks.Many<Integer> openCounts = Sinks.many().replay().latest();
    private int accepted;       // guarded by this
    private int open;           // guarded by this

    private RangeFileServer(Path root, boolean ignoreRange, javax.net.ssl.KeyManagerFactory tls) {
        this.root = root.toAbsolutePath().normalize();
        this.ignoreRange = ignoreRange;
        this.secure = tls != null;
        openCounts.tryEmitNext(0);
        HttpServer http = HttpServer.create().host("127.0.0.1").port(0);
        if (tls != null) {
            http = http.protocol(reactor.netty.http.HttpProtocol.H2, reactor.netty.http.HttpProtocol.HTTP11)
                    .secure(spec -> spec.sslContext(
                            (reactor.netty.tcp.SslProvider.GenericSslContextSpec<?>) reactor.netty.http.Http2SslContextSpec.forServer(tls)));
        }
        this.server = http.doOnChannelInit((observer, channel, remote) -> {
                    connectionsChanged(1);
                    channel.closeFuture().addListener(closed -> connectionsChanged(-1));
                })
                .handle(this::serve).bindNow();
    }

    /** A range server over TLS offering HTTP/2 and HTTP/1.1, with the key in {@code keys}. */
    public static RangeFileServer tls(Path root, javax.net.ssl.KeyManagerFactory keys) {
        return new RangeFileServer(root, false, keys);
    }

    /** A server that honours single byte ranges. */
    public static RangeFileServer serving(Path root) {
        return new RangeFileServer(root, false, null);
    }

    /** A server that ignores Range and always sends the whole file with 200. */
    public static RangeFileServer ignoringRange(Path root) {
        return new RangeFileServer(root, true, null);
    }

    public String url(String name) {
        return (secure ? "https" : "http") + "://127.0.0.1:" + server.port() + "/" + name;
    }

    public int port() {
        return server.port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** TCP connections accepted so far. */
    public synchronized int connectionsAccepted() {
        return accepted;
    }

    /** TCP connections open now (accepted, and closed by neither side yet). */
    public synchronized int openConnections() {
        return open;
    }

    /** Completes as soon as no connection is open: at once when none is. */
    public Mono<Void> noConnectionOpen() {
        return openCounts.asFlux().filter(n -> n == 0).next().then();
    }

    private synchronized void connectionsChanged(int delta) {
        accepted += Math.max(delta, 0);
        open += delta;
        openCounts.tryEmitNext(open);
    }

    /** Body bytes sent so far (the bodies of 200 and 206 answers; 304, 412 and 416 have none). */
    public long bodyBytesSent() {
        return bodyBytes.get();
    }

    /** The ETag this server sends for {@code file}, as nginx makes it: {@code "hex(mtime seconds)-hex(size)"}. */
    public static String etagOf(Path file) throws IOException {
        return "\"" + Long.toHexString(Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.SECONDS)) + "-"
                + Long.toHexString(Files.size(file)) + "\"";
    }

    /** Whether a whole-body send of {@code name} ran to its end. */
    public boolean wholeBodySent(String name) {
        return completedBodies.contains(name);
    }

    private Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        requests.add(new Request(req.uri(), req.requestHeaders().get(HttpHeaderNames.RANGE),
                req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), req.requestHeaders().copy(),
                req.protocol(), req.method().name()));
        Path file = root.resolve(req.path()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return res.status(404).send();
        }
        long size;
        long mtime;
        String etag;
        try {
            size = Files.size(file);
            mtime = Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.SECONDS);
            etag = etagOf(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HttpHeaderNames.ETAG, etag)
                .header(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new java.util.Date(mtime * 1000)));
        int precondition = Preconditions.status(req.requestHeaders(), etag, mtime);
        if (precondition != 0) {
            return res.status(precondition).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
        }
        res.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        long start = 0;
        long end = size - 1;
        String range = req.requestHeaders().get(HttpHeaderNames.RANGE);
        if (range != null && !ignoreRange) {
            res.header(HttpHeaderNames.ACCEPT_RANGES, "bytes");
            java.util.Optional<SingleRange> r = SingleRange.parse(range, size);
            if (r.isPresent()) {
                if (!r.get().satisfiable()) {
                    return res.status(416).header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size).send();
                }
                start = r.get().start();
                end = r.get().end();
                res.status(206).header(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
            }
        }
        long count = end - start + 1;
        res.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(count));
        if (req.method() == HttpMethod.HEAD || count == 0) {
            return res.send();
        }
        boolean whole = start == 0 && count == size;
        bodyBytes.addAndGet(count);
        return res.sendFile(file, start, count).then()
                .doOnSuccess(v -> {
                    if (whole && ignoreRange) {
                        completedBodies.add(file.getFileName().toString());
                    }
                });
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}

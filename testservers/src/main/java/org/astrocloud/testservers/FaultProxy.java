package org.astrocloud.testservers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * An HTTP proxy on 127.0.0.1 in front of an upstream server that injects one fault per request,
 * chosen by the request's number (0, 1, 2, ...): delay, an error status, a connection reset, a
 * truncated or stalled body, a redirect. Forwards each request with its method; records what it received.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do with one request. */
    public record Action(Duration delay, int status, Map<String, String> headers, boolean resetConnection, long truncateAfter,
                  Duration stallBody) {
        public static final Action FORWARD = new Action(Duration.ZERO, 0, Map.of(), false, -1, Duration.ZERO);

        public static Action delay(Duration d) {
            return new Action(d, 0, Map.of(), false, -1, Duration.ZERO);
        }

        public static Action status(int code, Map<String, String> headers) {
            return new Action(Duration.ZERO, code, headers, false, -1, Duration.ZERO);
        }

        public static Action reset() {
            return new Action(Duration.ZERO, 0, Map.of(), true, -1, Duration.ZERO);
        }

        public static Action truncateAfter(long bytes) {
            return new Action(Duration.ZERO, 0, Map.of(), false, bytes, Duration.ZERO);
        }

        public static Action stallBody(Duration d) {
            return new Action(Duration.ZERO, 0, Map.of(), false, -1, d);
        }

        public static Action redirect(int code, String location) {
            return status(code, Map.of("Location", location));
        }
    }

    private final DisposableServer server;
    private final ConnectionProvider pool = ConnectionProvider.builder("fault-proxy").maxConnections(512)
            .pendingAcquireMaxCount(-1).build();
    private final AtomicInteger count = new AtomicInteger();
    private final List<RangeFileServer.Request> received = new CopyOnWriteArrayList<>();

    public FaultProxy(String upstream, IntFunction<Action> policy) {
        HttpClient client = HttpClient.create(pool).baseUrl(upstream);
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            received.add(new RangeFileServer.Request(req.uri(), req.requestHeaders().get(HttpHeaderNames.RANGE),
                    req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), req.requestHeaders().copy(), "",
                    req.method().name()));
            Action a = policy.apply(count.getAndIncrement());
            Mono<Void> act = Mono.defer(() -> act(a, req, res, client));
            return a.delay().isZero() ? act : Mono.delay(a.delay()).then(act);
        }).bindNow();
    }

    private static Mono<Void> act(Action a, HttpServerRequest req, HttpServerResponse res, HttpClient client) {
        if (a.resetConnection()) {
            res.withConnection(c -> {
                c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                c.channel().close();
            });
            return Mono.empty();
        }
        if (a.status() > 0) {
            a.headers().forEach(res::header);
            return res.status(a.status()).send();
        }
        // the Host header goes upstream unchanged: SigV4 signs it
        return client.headers(h -> req.requestHeaders().forEach(e -> {
                    if (!e.getKey().equalsIgnoreCase("connection")) {
                        h.set(e.getKey(), e.getValue());
                    }
                }))
                .request(req.method()).uri(req.uri())
                .response((up, body) -> {
                    res.status(up.status());
                    up.responseHeaders().forEach(e -> {
                        if (!e.getKey().equalsIgnoreCase("connection")) {
                            res.header(e.getKey(), e.getValue());
                        }
                    });
                    if (a.truncateAfter() >= 0) {
                        AtomicLong left = new AtomicLong(a.truncateAfter());
                        Flux<ByteBuf> cut = body.retain().handle((buf, sink) -> {
                            long l = left.get(); // non-blocking: an AtomicLong
                            if (l <= 0) {
                                buf.release();
                            } else if (buf.readableBytes() > l) {
                                sink.next(buf.retainedSlice(buf.readerIndex(), (int) l));
                                buf.release();
                                left.set(0);
                            } else {
                                left.addAndGet(-buf.readableBytes());
                                sink.next(buf);
                            }
                        });
                        return res.send(cut).then().then(Mono.fromRunnable(() -> res.withConnection(Connection::dispose)));
                    }
                    if (!a.stallBody().isZero()) {
                        return res.sendHeaders().then()
                                .then(Mono.delay(a.stallBody()))
                                .then(res.send(body.retain()).then());
                    }
                    return res.send(body.retain()).then();
                })
                .then();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + "/" + path;
    }

    public int port() {
        return server.port();
    }

    /** Requests the proxy received, in order. */
    public List<RangeFileServer.Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.disposeNow();
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}

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
 * chosen by a {@link Policy} from the request's number (0, 1, 2, ...) and what was asked: delay,
 * an error status, a connection reset, a truncated or stalled body, a redirect, the whole object
 * with 200 in answer to a range request. Forwards each request with its method; records what it received.
 */
public final class FaultProxy implements AutoCloseable {

    /** Chooses the action for one request from its number (0, 1, 2, ... in arrival order) and the request itself. */
    @FunctionalInterface
    public interface Policy {
        Action choose(int number, RangeFileServer.Request request);

        /**
         * Called when upstream's answer to forwarded request {@code number} arrived, {@code elapsed}
         * after the request did; the proxy passes its status and headers on at once.
         */
        default void answered(int number, Duration elapsed) {
        }
    }

    /** What to do with one request. */
    public record Action(Duration delay, int status, Map<String, String> headers, boolean resetConnection, long truncateAfter,
                  Duration stallBody, boolean wholeBody) {
        public static final Action FORWARD = new Action(Duration.ZERO, 0, Map.of(), false, -1, Duration.ZERO, false);

        public static Action delay(Duration d) {
            return new Action(d, 0, Map.of(), false, -1, Duration.ZERO, false);
        }

        public static Action status(int code, Map<String, String> headers) {
            return new Action(Duration.ZERO, code, headers, false, -1, Duration.ZERO, false);
        }

        public static Action reset() {
            return new Action(Duration.ZERO, 0, Map.of(), true, -1, Duration.ZERO, false);
        }

        public static Action truncateAfter(long bytes) {
            return new Action(Duration.ZERO, 0, Map.of(), false, bytes, Duration.ZERO, false);
        }

        /** The response line and headers at once, the body only after {@code d}. */
        public static Action stallBody(Duration d) {
            return new Action(Duration.ZERO, 0, Map.of(), false, -1, d, false);
        }

        /**
         * The request goes upstream without its {@code Range}; the answer is upstream's 200 with the
         * whole object, as a server that ignores Range sends it. Its body bytes are counted
         * ({@link #ignoredRangeBodyBytes()}).
         */
        public static Action ignoreRange() {
            return new Action(Duration.ZERO, 0, Map.of(), false, -1, Duration.ZERO, true);
        }

        public static Action redirect(int code, String location) {
            return status(code, Map.of("Location", location));
        }
    }

    private final DisposableServer server;
    private final ConnectionProvider pool = ConnectionProvider.builder("fault-proxy").maxConnections(512)
            .pendingAcquireMaxCount(-1).build();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong ignoredRangeBodyBytes = new AtomicLong();
    private final List<RangeFileServer.Request> received = new CopyOnWriteArrayList<>();
    private final boolean record;

    /** A proxy whose action depends on the request's number only. */
    public FaultProxy(String upstream, IntFunction<Action> policy) {
        this(upstream, (n, r) -> policy.apply(n), true);
    }

    /**
     * A proxy that asks {@code policy} for each request's action; it keeps the requests it received
     * ({@link #received()}) only when {@code record} (a long run may rather not).
     */
    public FaultProxy(String upstream, Policy policy, boolean record) {
        this.record = record;
        HttpClient client = HttpClient.create(pool).baseUrl(upstream);
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            RangeFileServer.Request r = new RangeFileServer.Request(req.uri(), req.requestHeaders().get(HttpHeaderNames.RANGE),
                    req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), req.requestHeaders().copy(), "",
                    req.method().name());
            if (this.record) {
                received.add(r);
            }
            long arrived = System.nanoTime();
            int number = count.getAndIncrement();
            Action a = policy.choose(number, r);
            Mono<Void> act = Mono.defer(() -> act(a, req, res, client,
                    () -> policy.answered(number, Duration.ofNanos(System.nanoTime() - arrived))));
            return a.delay().isZero() ? act : Mono.delay(a.delay()).then(act);
        }).bindNow();
    }

    private Mono<Void> act(Action a, HttpServerRequest req, HttpServerResponse res, HttpClient client, Runnable answered) {
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
                    if (!e.getKey().equalsIgnoreCase("connection")
                            && !(a.wholeBody() && e.getKey().equalsIgnoreCase("range"))) {
                        h.set(e.getKey(), e.getValue());
                    }
                }))
                .request(req.method()).uri(req.uri())
                .response((up, body) -> {
                    answered.run();
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
                    if (a.wholeBody()) {
                        return res.send(body.retain().doOnNext(b -> ignoredRangeBodyBytes.addAndGet(b.readableBytes())))
                                .then();
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

    /** Requests received so far. */
    public int requestCount() {
        return count.get();
    }

    /**
     * Body bytes of {@link Action#ignoreRange()} answers handed to the connection to the client: what
     * the client was sent (at most) before it gave up on the answers.
     */
    public long ignoredRangeBodyBytes() {
        return ignoredRangeBodyBytes.get();
    }

    /** Requests the proxy received, in order (none when made with {@code record} false). */
    public List<RangeFileServer.Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.disposeNow();
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}

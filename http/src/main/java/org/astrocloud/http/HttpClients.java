package org.astrocloud.http;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;

/**
 * The Reactor Netty clients that the sources of one {@link HttpByteRangeSourceProvider} share,
 * and what they run on: event loops of their own (never Reactor Netty's global ones, which a
 * user's server may be running on) and one client and connection pool per transport
 * configuration and scheme (a pool per remote host inside), keep-alive, no automatic redirects
 * (the source follows them itself so that secrets never reach another host), no compression
 * (ranges are on the stored bytes).
 *
 * <p>They come in generations: a source uses the generation that was current when it was opened;
 * {@link #disposeLater()} closes that generation, and the next source opened starts a new one,
 * whose loops and pools are made on its first request.
 */
final class HttpClients {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final AtomicReference<Generation> current = new AtomicReference<>();

    /** The generation for a source opened now; makes nothing yet. */
    Generation current() {
        return current.updateAndGet(g -> g != null ? g : new Generation());
    }

    /** Closes the current generation, if any: its pools, then its event loops. */
    Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            Generation g = current.getAndSet(null);
            return g == null ? Mono.empty() : g.disposeLater();
        });
    }

    private record Key(HttpSettings.Transport transport, boolean secure) {
    }

    private record Client(HttpClient http, ConnectionProvider pool) {
    }

    /** One set of event loops and pools; once closed, it stays closed. */
    static final class Generation {
        /** Long enough for the close callbacks of the channels just closed; the loops run nothing else. */
        private static final Duration QUIET_PERIOD = Duration.ofMillis(100);
        private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

        private final ConcurrentMap<Key, Client> clients = new ConcurrentHashMap<>();
        private LoopResources loops;   // guarded by this; made with the first client
        private volatile boolean closed;

        /**
         * The client for {@code transport}, TLS for https; empty once this generation is closed.
         * Clients are made under a lock that closing takes too, so that none is made after its
         * generation was closed (its loops would never be shut down).
         */
        Optional<HttpClient> client(HttpSettings.Transport transport, boolean secure) {
            Key key = new Key(transport, secure);
            Client made = closed ? null : clients.get(key);
            if (made != null) {
                return Optional.of(made.http());
            }
            synchronized (this) { // held while a client is built, never during I/O
                return closed ? Optional.empty() : Optional.of(clients.computeIfAbsent(key, this::create).http());
            }
        }

        /** Whether {@link #disposeLater()} was called: every later read of this generation fails. */
        boolean isClosed() {
            return closed;
        }

        /** Closes the pools (idle connections first), then the loops, which closes the rest. */
        Mono<Void> disposeLater() {
            return Mono.defer(() -> {
                LoopResources made;
                synchronized (this) {
                    closed = true;
                    made = loops;
                }
                List<Mono<Void>> pools = clients.values().stream().map(c -> c.pool().disposeLater()).toList();
                Mono<Void> closing = Mono.whenDelayError(pools);
                return made == null ? closing : closing.then(made.disposeLater(QUIET_PERIOD, SHUTDOWN_TIMEOUT));
            });
        }

        /** Called under the lock. */
        private Client create(Key key) {
            if (loops == null) {
                LoopResources made = LoopResources.create("astro-cloud-http-" + NAMES.incrementAndGet(),
                        LoopResources.DEFAULT_IO_WORKER_COUNT, true);
                made.onClient(LoopResources.DEFAULT_NATIVE); // the group exists now, so closing shuts it down
                loops = made;
            }
            HttpSettings.Transport t = key.transport();
            ConnectionProvider pool = ConnectionProvider.builder("astro-cloud-http-" + NAMES.incrementAndGet())
                    .maxConnections(t.maxConnectionsPerHost())
                    .pendingAcquireMaxCount(-1)
                    .pendingAcquireTimeout(Duration.ofMinutes(10))
                    .maxIdleTime(Duration.ofSeconds(30))
                    .evictInBackground(Duration.ofSeconds(30))
                    .build();
            HttpClient client = HttpClient.create(pool)
                    .runOn(loops)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, t.connectTimeout().toMillis()))
                    .responseTimeout(t.readTimeout())
                    .followRedirect(false)
                    .compress(false)
                    .keepAlive(true);
            // HTTP/1.1 is the default: asking for it with protocol() would initialise Reactor Netty's
            // default TLS context (1-3 s of JDK SSL set-up on a cold JVM) for a client that never uses TLS
            return new Client(key.secure() ? secure(client, t) : client, pool);
        }

        private static HttpClient secure(HttpClient client, HttpSettings.Transport t) {
            SslProvider.GenericSslContextSpec<?> spec = t.http2()
                    ? Http2SslContextSpec.forClient().configure(builder -> trust(builder, t))
                    : Http11SslContextSpec.forClient().configure(builder -> trust(builder, t));
            return (t.http2() ? client.protocol(HttpProtocol.H2, HttpProtocol.HTTP11) : client.protocol(HttpProtocol.HTTP11))
                    .secure(ssl -> ssl.sslContext(spec));
        }

        private static void trust(io.netty.handler.ssl.SslContextBuilder builder, HttpSettings.Transport t) {
            if (t.trustAll()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
        }
    }
}

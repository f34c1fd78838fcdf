package org.astrocloud.http;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * One shared Reactor Netty client per transport configuration and scheme: a connection pool per
 * remote host, keep-alive, no automatic redirects (the source follows them itself so that secrets
 * never reach another host), no compression (ranges are on the stored bytes).
 */
final class HttpClients {
    private record Key(HttpSettings.Transport transport, boolean secure) {
    }

    private static final ConcurrentMap<Key, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger POOLS = new AtomicInteger();

    private HttpClients() {
    }

    /** The shared client for {@code transport}; TLS for https. */
    static HttpClient get(HttpSettings.Transport transport, boolean secure) {
        return CLIENTS.computeIfAbsent(new Key(transport, secure), HttpClients::create);
    }

    private static HttpClient create(Key key) {
        HttpSettings.Transport t = key.transport();
        ConnectionProvider pool = ConnectionProvider.builder("astro-cloud-http-" + POOLS.incrementAndGet())
                .maxConnections(t.maxConnectionsPerHost())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(10))
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        HttpClient client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, t.connectTimeout().toMillis()))
                .responseTimeout(t.readTimeout())
                .followRedirect(false)
                .compress(false)
                .keepAlive(true);
        if (!key.secure()) {
            return client.protocol(HttpProtocol.HTTP11);
        }
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

package org.astrocloud.testservers;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An OAuth 2.0 token endpoint on 127.0.0.1 for tests of clients that fetch access tokens (a service
 * account's JWT-bearer grant): every POST gets a new token {@code token-N} that expires after the
 * configured seconds, as {@code {"access_token":...,"expires_in":...,"token_type":"Bearer"}}. It does not
 * check the assertion's signature. Pair it with {@link GcsServer.Builder#acceptTokens}{@code (server::issued)}.
 *
 * <pre>{@code
 * try (OAuthTokenServer tokens = OAuthTokenServer.start(3600)) {
 *     String tokenUri = tokens.tokenUri().toString();   // the key file's "token_uri"
 * }
 * }</pre>
 */
public final class OAuthTokenServer implements AutoCloseable {
    private final DisposableServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    private OAuthTokenServer(long expiresInSeconds) {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> req.receive().aggregate()
                .asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(form -> {
                    if (!"POST".equals(req.method().name()) || !form.contains("grant_type=")) {
                        return res.status(400).sendString(Mono.just("{\"error\":\"invalid_request\"}")).then();
                    }
                    String token = "token-" + issued.incrementAndGet();
                    tokens.add(token);
                    byte[] body = ("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresInSeconds
                            + ",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
                    return res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                            .sendByteArray(Mono.just(body)).then();
                })).bindNow();
    }

    /** A token endpoint whose tokens expire {@code expiresInSeconds} after they are issued. */
    public static OAuthTokenServer start(long expiresInSeconds) {
        return new OAuthTokenServer(expiresInSeconds);
    }

    /** The endpoint's URL, for a key file's {@code token_uri}. */
    public URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/token");
    }

    /** Tokens issued so far. */
    public int issuedCount() {
        return issued.get();
    }

    /** Whether this server issued {@code token}. */
    public boolean issued(String token) {
        return tokens.contains(token);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}

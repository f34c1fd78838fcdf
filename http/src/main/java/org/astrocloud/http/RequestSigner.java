package org.astrocloud.http;

import java.net.URI;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Authorizes each request by headers computed for it (a signature over its time, host and
 * headers), where a fixed token or header will not do: the S3 module's Reactor Netty transport
 * signs its ranged GETs with AWS SigV4 through one. Called for every request to the origin (never
 * after a redirect to another host), without blocking; set with {@link HttpOptions#SIGNER}.
 *
 * <pre>{@code
 * RequestSigner apiKey = (uri, headers) -> Mono.just(Map.of("X-Api-Key", keys.current()));
 * FitsScanner scanner = FitsScanner.create().option(HttpOptions.SIGNER, apiKey);
 * }</pre>
 */
@FunctionalInterface
public interface RequestSigner {
    /**
     * The headers to add to a GET of {@code uri} that carries {@code headers} (its {@code "Range"},
     * and the fixed headers of the options, named as given); they replace headers of the same name.
     */
    Mono<Map<String, String>> sign(URI uri, Map<String, String> headers);
}

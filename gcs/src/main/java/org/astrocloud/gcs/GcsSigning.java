package org.astrocloud.gcs;

import java.net.URI;
import java.util.Map;
import org.astrocloud.http.RequestSigner;
import reactor.core.publisher.Mono;

/** Adds the bearer token of a source's credentials to each of its GETs; its errors name the source's URI. */
final class GcsSigning implements RequestSigner {
    private final GcsTokens tokens;
    private final URI uri;

    GcsSigning(GcsTokens tokens, URI uri) {
        this.tokens = tokens;
        this.uri = uri;
    }

    @Override
    public Mono<Map<String, String>> sign(URI request, Map<String, String> headers) {
        return tokens.headers(uri);
    }

    @Override
    public String toString() {
        return "GcsSigning[****]";
    }
}

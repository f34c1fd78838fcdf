package org.astrocloud.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.astrocloud.http.RequestSigner;
import reactor.core.publisher.Mono;

/**
 * Authorizes the ranged GETs the http module sends: {@code x-ms-version} and {@code x-ms-date}
 * always; then Shared Key (the SDK's {@code StorageSharedKeyCredential} computes the signature, a
 * computation only), or {@code Bearer} with a token of the credential's shared {@link AzureTokens};
 * a SAS is already in the URL, anonymous adds nothing more.
 */
final class AzureSigning implements RequestSigner {
    /** The Blob service version we speak, for GETs and the SDK's listings alike. */
    static final String VERSION = "2024-11-04";

    private final AzureAccess access;
    private final AzureTokens tokens;
    private final URI objectUri;

    /** {@code tokens}: those of {@code access.token()}, shared with the other reads (null without a token credential). */
    AzureSigning(AzureAccess access, AzureTokens tokens, URI objectUri) {
        this.access = access;
        this.tokens = tokens;
        this.objectUri = objectUri;
    }

    @Override
    public Mono<Map<String, String>> sign(URI uri, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("x-ms-version", VERSION);
        out.put("x-ms-date", DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        if (access.sharedKey() != null) {
            HttpHeaders all = new HttpHeaders();
            headers.forEach((k, v) -> all.set(HttpHeaderName.fromString(k), v));
            out.forEach((k, v) -> all.set(HttpHeaderName.fromString(k), v));
            all.set(HttpHeaderName.CONTENT_LENGTH, "0");   // a GET has no body: the SDK signs "0" as empty, a missing one as "null"
            try {
                out.put("Authorization", access.sharedKey().generateAuthorizationHeader(uri.toURL(), "GET", all, false));
            } catch (MalformedURLException e) {
                return Mono.error(new IllegalArgumentException("not a URL: " + uri, e));
            }
            return Mono.just(out);
        }
        if (tokens != null) {
            return tokens.authorization(objectUri).map(bearer -> {
                out.put("Authorization", bearer);
                return out;
            });
        }
        return Mono.just(out);
    }
}

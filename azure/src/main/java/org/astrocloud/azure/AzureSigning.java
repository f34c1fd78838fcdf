package org.astrocloud.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.http.RequestSigner;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authorizes the ranged GETs the http module sends: {@code x-ms-version} and {@code x-ms-date}
 * always; then Shared Key (the SDK's {@code StorageSharedKeyCredential} computes the signature, a
 * computation only), or {@code Bearer} with a token fetched on the bounded-elastic scheduler and
 * kept until 2 minutes before it expires; a SAS is already in the URL, anonymous adds nothing more.
 */
final class AzureSigning implements RequestSigner {
    /** The Blob service version we speak, for GETs and the SDK's listings alike. */
    static final String VERSION = "2024-11-04";
    private static final String SCOPE = "https://storage.azure.com/.default";

    private final AzureAccess access;
    private final Mono<AccessToken> token;
    private final URI objectUri;

    AzureSigning(AzureAccess access, URI objectUri) {
        this.access = access;
        this.objectUri = objectUri;
        this.token = access.token() == null ? Mono.empty()
                : Mono.defer(() -> access.token().getToken(new TokenRequestContext().addScopes(SCOPE)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .cacheInvalidateIf(t -> t.getExpiresAt().isBefore(OffsetDateTime.now().plusMinutes(2)));
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
        if (access.token() != null) {
            return token.map(t -> {
                out.put("Authorization", "Bearer " + t.getToken());
                return out;
            }).onErrorMap(e -> new ObjectAccessDeniedException("no Microsoft Entra ID token: " + e.getMessage(), objectUri, 0, e));
        }
        return Mono.just(out);
    }
}

package org.astrocloud.gcs;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.TransientSourceException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code Authorization} header of one {@link GcsCredentials}: the credentials are found once, and the
 * access token is fetched on first use and again five minutes before it expires. Both happen on Reactor's
 * bounded-elastic scheduler (google-auth-library reads files and makes blocking HTTP calls); every request
 * in between gets the cached header at once. Concurrent requests share one refresh.
 */
final class GcsTokens {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/devstorage.read_only");
    /** A token is replaced this long before it expires. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Duration FOREVER = Duration.ofDays(36_500);

    private final Mono<Map<String, String>> headers;

    GcsTokens(GcsCredentials credentials) {
        Mono<Optional<GoogleCredentials>> found = Mono.fromCallable(() -> find(credentials))
                .subscribeOn(Schedulers.boundedElastic())
                .cache(c -> FOREVER, e -> Duration.ZERO, () -> Duration.ZERO);
        this.headers = found.flatMap(c -> c.isEmpty() ? Mono.just(Optional.<AccessToken>empty())
                        : Mono.fromCallable(() -> Optional.of(fresh(c.get()))).subscribeOn(Schedulers.boundedElastic()))
                .cache(GcsTokens::timeToLive, e -> Duration.ZERO, () -> Duration.ZERO)
                .map(t -> t.map(token -> Map.of("Authorization", "Bearer " + token.getTokenValue())).orElse(Map.of()));
    }

    /** The headers that authorize a request (none when anonymous); errors name {@code uri}. */
    Mono<Map<String, String>> headers(URI uri) {
        return headers.onErrorMap(e -> translate(e, uri));
    }

    private static Optional<GoogleCredentials> find(GcsCredentials credentials) throws IOException {
        GoogleCredentials c;
        switch (credentials.kind()) {
            case ANONYMOUS -> {
                return Optional.empty();
            }
            case AUTOMATIC -> {
                try {
                    c = GoogleCredentials.getApplicationDefault();
                } catch (IOException none) {
                    return Optional.empty();   // no application default credentials: anonymous, for public buckets
                }
            }
            case APPLICATION_DEFAULT -> c = GoogleCredentials.getApplicationDefault();
            case FILE -> {
                try (InputStream in = Files.newInputStream(credentials.file())) {
                    c = ServiceAccountCredentials.fromStream(in);
                }
            }
            default -> c = credentials.given();
        }
        return Optional.of(c.createScopedRequired() ? c.createScoped(SCOPES) : c);
    }

    /** A token fetched now (blocking: on bounded-elastic only), or the fixed token of credentials that cannot refresh. */
    private static AccessToken fresh(GoogleCredentials c) throws IOException {
        try {
            c.refresh();
        } catch (IllegalStateException cannotRefresh) {
            if (c.getAccessToken() == null) {
                throw cannotRefresh;
            }
        }
        AccessToken token = c.getAccessToken();
        if (token == null) {
            throw new IOException("the credentials gave no access token");
        }
        return token;
    }

    private static Duration timeToLive(Optional<AccessToken> token) {
        if (token.isEmpty() || token.get().getExpirationTime() == null) {
            return FOREVER;
        }
        long left = token.get().getExpirationTime().getTime() - System.currentTimeMillis() - MARGIN.toMillis();
        return Duration.ofMillis(Math.max(0, left));
    }

    private static Throwable translate(Throwable e, URI uri) {
        if (e instanceof org.astrocloud.fits.error.AstroCloudException) {
            return e;
        }
        String message = "no Google access token: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        if (e instanceof IOException io && !isPermanent(io)) {
            return new TransientSourceException(message, uri, -1, e);
        }
        return new ObjectAccessDeniedException(message + " (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default"
                + " login, or GcsOptions.CREDENTIALS)", uri, -1, e);
    }

    /** A refusal of the token endpoint (bad key, revoked account) or an unreadable key file: not worth retrying. */
    private static boolean isPermanent(IOException e) {
        String m = String.valueOf(e.getMessage());
        return e instanceof java.nio.file.NoSuchFileException || m.contains("invalid_grant") || m.contains("invalid_client")
                || m.contains("unauthorized_client") || m.contains("Error reading") || m.contains("application default credentials");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

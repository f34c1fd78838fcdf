package org.astrocloud.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeoutException;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.TransientSourceException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Microsoft Entra ID tokens of one {@link TokenCredential}, shared by every blob read with it: a
 * token is fetched on first use on Reactor's bounded-elastic scheduler (credentials such as
 * {@code DefaultAzureCredential} run processes and blocking HTTP calls), kept until 2 minutes
 * before it expires, and fetched again then; concurrent requests share one fetch. A fetch that fails
 * is not kept: the next request tries again. A failure to reach the identity service (I/O, or no
 * answer in {@link #FETCH_TIMEOUT}) is a {@link TransientSourceException}, which the reads retry;
 * a refused or unavailable credential is an {@link ObjectAccessDeniedException}.
 */
final class AzureTokens {
    static final String SCOPE = "https://storage.azure.com/.default";
    /** The longest one token fetch may take. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final Mono<AccessToken> token;

    AzureTokens(TokenCredential credential) {
        this.token = Mono.defer(() -> credential.getToken(new TokenRequestContext().addScopes(SCOPE)))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(FETCH_TIMEOUT, Schedulers.parallel())
                .cache(AzureTokens::timeToLive, e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The value of the {@code Authorization} header; errors name {@code uri}. */
    Mono<String> authorization(URI uri) {
        return token.map(t -> "Bearer " + t.getToken()).onErrorMap(e -> translate(e, uri));
    }

    private static Duration timeToLive(AccessToken t) {
        Duration left = Duration.between(OffsetDateTime.now(), t.getExpiresAt().minus(MARGIN));
        return left.isNegative() ? Duration.ZERO : left;
    }

    static Throwable translate(Throwable e, URI uri) {
        if (e instanceof AstroCloudException) {
            return e;
        }
        if (!(e instanceof ClientAuthenticationException)) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof IOException || c instanceof UncheckedIOException || c instanceof TimeoutException) {
                    return new TransientSourceException("no Microsoft Entra ID token yet, the identity service did not answer: "
                            + e.getMessage(), uri, 0, e);
                }
            }
        }
        return new ObjectAccessDeniedException("no Microsoft Entra ID token: " + e.getMessage(), uri, 0, e);
    }
}

package org.astrocloud.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.astrocloud.fits.TransientSourceException;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The retry policy: transient failures only, exponential backoff with full jitter between half
 * and all of the delay, a server's {@code Retry-After} honoured (capped), every retry counted.
 * The delays run on Reactor's parallel scheduler, so tests can use virtual time.
 */
final class HttpRetry {
    private HttpRetry() {
    }

    static Retry policy(HttpSettings settings, ReadStats stats) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long attempt = signal.totalRetries();
            if (!(failure instanceof TransientSourceException t)) {
                return Mono.error(failure);
            }
            if (attempt >= settings.maxRetries()) {
                return Mono.error(settings.maxRetries() == 0 ? t
                        : new TransientSourceException(t.detail() + " (gave up after " + attempt + " retries)",
                                t.uri().orElse(null), t.offset().orElse(-1), t));
            }
            Duration delay = t.retryAfter().map(d -> min(d, settings.maxRetryBackoff()))
                    .orElseGet(() -> backoff(attempt, settings));
            stats.recordRetry();
            return Mono.delay(delay).thenReturn(attempt);
        }));
    }

    static Duration backoff(long attempt, HttpSettings settings) {
        long base = settings.retryBackoff().toMillis();
        long exp = attempt >= 30 ? Long.MAX_VALUE : base << attempt;
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, settings.maxRetryBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package org.astrocloud.fits.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.astrocloud.fits.error.TransientSourceException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The retry policy of every source: {@link TransientSourceException}s only, exponential
 * backoff with jitter (each delay between half and all of the nominal one), a server's
 * {@code Retry-After} honoured up to the maximum backoff, every retry counted in {@link ReadStats}.
 * Delays run on Reactor's parallel scheduler, so tests can use virtual time.
 *
 * <p>Applied by {@link ByteRangeSources} to every source it opens ({@link RetryingSource}); a provider's
 * own requests that are no reads of a source (a listing's pages) take it from the same options:
 *
 * <pre>{@code
 * Mono<Page> page = fetchPage(token).retryWhen(RetryPolicy.from(options).retry(new ReadStats()));
 * }</pre>
 *
 * @param maxRetries retries after the first attempt
 * @param backoff the first nominal delay
 * @param maxBackoff the cap on any delay
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {

    /** Checks the settings. */
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative: " + maxRetries);
        }
        if (backoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The policy set in {@code options}, with the defaults: 3 retries from 200 ms up to 20 s. */
    public static RetryPolicy from(SourceOptions options) {
        return new RetryPolicy(options.get(RetryOptions.MAX_RETRIES).orElse(3),
                options.get(RetryOptions.BACKOFF).orElse(Duration.ofMillis(200)),
                options.get(RetryOptions.MAX_BACKOFF).orElse(Duration.ofSeconds(20)));
    }

    /** The Reactor {@link Retry} for one read; counts retries in {@code stats}. */
    public Retry retry(ReadStats stats) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long attempt = signal.totalRetries();
            if (!(failure instanceof TransientSourceException t)) {
                return Mono.error(failure);
            }
            if (attempt >= maxRetries) {
                return Mono.error(maxRetries == 0 ? t
                        : new TransientSourceException(t.detail() + " (gave up after " + attempt + " retries)",
                                t.uri().orElse(null), t.offset().orElse(-1), t));
            }
            Duration delay = t.retryAfter().map(d -> d.compareTo(maxBackoff) <= 0 ? d : maxBackoff)
                    .orElseGet(() -> delay(attempt));
            stats.recordRetry();
            return Mono.delay(delay).thenReturn(attempt);
        }));
    }

    /** The jittered delay before retry number {@code attempt + 1}. */
    Duration delay(long attempt) {
        long base = backoff.toMillis();
        long exp = attempt >= 30 || base > (Long.MAX_VALUE >> attempt) ? Long.MAX_VALUE : base << attempt;
        long capped = Math.min(exp, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}

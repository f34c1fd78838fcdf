package org.astrocloud.fits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.TransientSourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The retry policy in virtual time: backoff, Retry-After, the cap, and what is not retried. */
class RetryPolicyTest {
    private static final URI URI_ = URI.create("http://example.invalid/x.fits");

    private static RetryPolicy settings(int retries) {
        return RetryPolicy.from(SourceOptions.empty().with(RetryOptions.MAX_RETRIES, retries)
                .with(RetryOptions.BACKOFF, Duration.ofSeconds(1))
                .with(RetryOptions.MAX_BACKOFF, Duration.ofSeconds(10)));
    }

    @Test
    void transientFailuresShouldBeRetriedWithGrowingDelays() {
        AtomicInteger attempts = new AtomicInteger();
        ReadStats stats = new ReadStats();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return Mono.<String>error(new TransientSourceException("HTTP 503", URI_, 0, null));
                }).retryWhen(settings(3).retry(stats)))
                .expectSubscription()
                // delays: 0.5-1 s, 1-2 s, 2-4 s (full jitter between half and all)
                .expectNoEvent(Duration.ofMillis(3500 - 1))
                .thenAwait(Duration.ofSeconds(4))
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof TransientSourceException);
                    assertTrue(e.getMessage().contains("gave up after 3 retries"), e.getMessage());
                })
                .verify(Duration.ofSeconds(5));
        assertEquals(4, attempts.get());
        assertEquals(3, stats.retries());
    }

    @Test
    void retryAfterShouldSetTheDelayUpToTheCap() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> attempts.incrementAndGet() == 1
                        ? Mono.<String>error(new TransientSourceException("HTTP 429", URI_, 0, null, Duration.ofSeconds(7)))
                        : attempts.get() == 2
                        ? Mono.<String>error(new TransientSourceException("HTTP 503", URI_, 0, null, Duration.ofHours(1)))
                        : Mono.just("ok"))
                        .retryWhen(settings(3).retry(new ReadStats())))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(7).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertEquals(2, attempts.get()))
                .expectNoEvent(Duration.ofSeconds(10).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok")
                .verifyComplete();
    }

    @Test
    void permanentFailuresShouldNotBeRetried() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return Mono.<String>error(new ObjectNotFoundException("HTTP 404", URI_, 0));
                }).retryWhen(settings(3).retry(new ReadStats())))
                .expectError(ObjectNotFoundException.class)
                .verify(Duration.ofSeconds(5));
        assertEquals(1, attempts.get());
    }
}

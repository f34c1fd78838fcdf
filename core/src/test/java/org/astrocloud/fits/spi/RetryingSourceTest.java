package org.astrocloud.fits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The registry wraps every source it opens in the one retry policy: a provider whose source only
 * classifies its failures gets retries with backoff, counted in its stats, on virtual time.
 */
class RetryingSourceTest {
    private static final URI URI_ = URI.create("flaky:/x.fits");

    /** A 10-byte in-memory object whose first {@code failures} reads fail with {@code failure}. */
    private static final class FlakySource extends ForwardingSource {
        private final int failures;
        private final RuntimeException failure;
        private final AtomicInteger attempts = new AtomicInteger();

        FlakySource(int failures, RuntimeException failure) {
            super(MemoryByteRangeSource.of(URI_, new byte[10]));
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            return Mono.defer(() -> attempts.incrementAndGet() <= failures ? Mono.error(failure) : super.read(range));
        }
    }

    private static ByteRangeSource opened(FlakySource source) {
        ByteRangeSourceProvider provider = new TestProvider("flaky", uri -> source);
        return ByteRangeSources.of(List.of(provider)).get(URI_, SourceOptions.empty()
                .with(RetryOptions.BACKOFF, Duration.ofSeconds(1)).with(RetryOptions.MAX_BACKOFF, Duration.ofSeconds(10)));
    }

    @Test
    void transientFailuresOfAnySourceShouldBeRetriedByTheRegistry() {
        FlakySource flaky = new FlakySource(2, new TransientSourceException("503", URI_, 0, null));

        StepVerifier.withVirtualTime(() -> opened(flaky).read(ByteRange.of(0, 10)))
                .thenAwait(Duration.ofSeconds(1))
                .expectNoEvent(Duration.ofMillis(400))   // the second delay is at least 1 s (half of 2 s)
                .thenAwait(Duration.ofSeconds(2))
                .expectNextMatches(r -> r.length() == 10)
                .verifyComplete();
        assertEquals(3, flaky.attempts.get());
        assertEquals(2, flaky.stats().retries());
    }

    @Test
    void permanentFailuresShouldNotBeRetried() {
        FlakySource missing = new FlakySource(5, new ObjectNotFoundException("404", URI_, 0));

        StepVerifier.create(opened(missing).read(ByteRange.of(0, 10)))
                .expectError(ObjectNotFoundException.class)
                .verify(Duration.ofSeconds(5));
        assertEquals(1, missing.attempts.get());
        assertEquals(0, missing.stats().retries());
    }

    @Test
    void afterTheLastRetryTheFailureShouldSayHowManyWereMade() {
        FlakySource down = new FlakySource(10, new TransientSourceException("503", URI_, 0, null));

        StepVerifier.withVirtualTime(() -> opened(down).read(ByteRange.of(0, 10)))
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorMatches(e -> e instanceof TransientSourceException && e.getMessage().contains("gave up after 3 retries"))
                .verify(Duration.ofSeconds(5));
        assertEquals(4, down.attempts.get());
    }
}

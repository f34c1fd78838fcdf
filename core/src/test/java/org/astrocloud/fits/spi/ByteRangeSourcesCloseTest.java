package org.astrocloud.fits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link ByteRangeSources#disposeLater()} and {@link ByteRangeSources#close()} reach every provider. */
class ByteRangeSourcesCloseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A provider whose resources take {@code delay} to release and then count one disposal. */
    private record Owning(String scheme, Duration delay, AtomicInteger disposed, RuntimeException failure)
            implements ByteRangeSourceProvider {
        Owning(String scheme, Duration delay) {
            this(scheme, delay, new AtomicInteger(), null);
        }

        @Override
        public Set<String> schemes() {
            return Set.of(scheme);
        }

        @Override
        public ByteRangeSource open(URI uri, SourceOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> disposeLater() {
            return Mono.delay(delay).then(Mono.fromRunnable(disposed::incrementAndGet))
                    .then(failure == null ? Mono.empty() : Mono.error(failure));
        }
    }

    @Test
    void disposeLaterShouldBeLazyAndReachEveryProviderEvenWhenOneFails() {
        Owning first = new Owning("a", Duration.ZERO, new AtomicInteger(), new IllegalStateException("a failed"));
        Owning slow = new Owning("b", Duration.ofMillis(50));
        ByteRangeSources sources = ByteRangeSources.of(List.of(first, new TestProvider("file", uri -> null), slow));

        Mono<Void> disposal = sources.disposeLater();
        assertEquals(0, first.disposed().get() + slow.disposed().get(), "nothing before subscription");

        StepVerifier.create(disposal)
                .expectErrorMessage("a failed")
                .verify(TIMEOUT);
        assertEquals(1, first.disposed().get());
        assertEquals(1, slow.disposed().get(), "the slow provider finished before the error was signalled");
    }

    @Test
    void closeShouldReturnOnlyWhenEveryProviderHasReleasedItsResources() {
        Owning slow = new Owning("b", Duration.ofMillis(50));
        ByteRangeSources sources = ByteRangeSources.of(List.of(slow));
        sources.close();
        assertEquals(1, slow.disposed().get());
        sources.close();
        assertEquals(2, slow.disposed().get(), "each close asks the providers again; they make it harmless");
    }

    @Test
    void providersWithoutSharedResourcesShouldHaveNothingToRelease() {
        StepVerifier.create(new TestProvider("file", uri -> null).disposeLater()).expectComplete().verify(TIMEOUT);
        ByteRangeSources.installed().close(); // core's own providers: file: and memory
    }
}

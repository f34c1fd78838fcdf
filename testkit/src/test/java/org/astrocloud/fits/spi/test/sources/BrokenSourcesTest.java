package org.astrocloud.fits.spi.test.sources;

import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The kit run, as a provider's build runs it, against sources broken on purpose: each one must
 * fail exactly the tests that check what it breaks, and the same source unbroken must fail none.
 * The broken kits are {@link Disabled} so that no build runs them by themselves; the run here
 * switches that condition off.
 */
class BrokenSourcesTest {
    private static final String BROKEN = "broken on purpose: BrokenSourcesTest runs it and expects failures";

    /** Every test of the kit, by method name. */
    private static final Set<String> KIT = Arrays.stream(ByteRangeSourceContract.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .map(Method::getName)
            .collect(toSet());

    /** Runs {@code kit} and returns its failed tests with their causes; checks that every test of the kit ran. */
    private static Map<String, Throwable> failures(Class<? extends ByteRangeSourceContract> kit) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .selectors(selectClass(kit))
                .execute()
                .testEvents();
        assertEquals(KIT, tests.started().stream().map(BrokenSourcesTest::testName).collect(toSet()),
                "the tests that ran for " + kit.getSimpleName());
        assertEquals(0, tests.skipped().count(), "skipped tests");
        return tests.failed().stream().collect(toMap(BrokenSourcesTest::testName,
                e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow()));
    }

    private static String testName(Event e) {
        return ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName();
    }

    private static ByteRangeSource memory(String name, byte[] content) {
        return MemoryByteRangeSource.of(URI.create("mem:/" + name), content);
    }

    @Test
    void anUnbrokenSourceShouldPassEveryTest() {
        assertEquals(Map.of(), failures(Unbroken.class));
    }

    @Test
    void aSourceThatReadsOneByteTooManyShouldFailEveryTestOfExactBytes() {
        Map<String, Throwable> failed = failures(OneByteTooMany.class);
        assertEquals(Set.of("readShouldReturnExactBytesInside", "readShouldReturnExactBytesAtStart",
                "readShouldCountRequestsAndBytes", "cancelledReadShouldLeaveTheSourceUsable",
                "twoHundredFiftySixConcurrentReadsShouldAllBeExact", "streamShouldDeliverTheWholeObjectInOrder",
                "cancelledStreamShouldLeaveTheSourceUsable"),
                failed.keySet());
        Throwable inside = failed.get("readShouldReturnExactBytesInside");
        assertInstanceOf(AssertionFailedError.class, inside);
        assertTrue(inside.getMessage().startsWith("bytes in the answer to a read of 5000 at 1234"), inside::getMessage);
    }

    @Test
    void aSourceThatReadsBeforeSubscriptionShouldFailTheLazinessTest() {
        assertEquals(Set.of("readShouldBeLazy"), failures(Eager.class).keySet());
    }

    @Test
    void aSourceThatFailsPastTheEndShouldFailTheTestsOfTheEnd() {
        Map<String, Throwable> failed = failures(FailsPastTheEnd.class);
        assertEquals(Set.of("readPastTheEndShouldBeEmptyNotAnError", "readOfAnEmptyObjectShouldBeEmpty",
                "readRangesShouldGiveExactSlicesInOffsetOrderInFewerRequests"), failed.keySet());
        assertInstanceOf(PermanentSourceException.class, failed.get("readOfAnEmptyObjectShouldBeEmpty"));
    }

    @Test
    void aSourceThatCountsNothingShouldFailTheStatsTest() {
        assertEquals(Set.of("readShouldCountRequestsAndBytes", "readRangesShouldGiveExactSlicesInOffsetOrderInFewerRequests"),
                failures(CountsNothing.class).keySet());
    }

    @Test
    void aSourceThatKeepsItsConnectionOnCancelShouldFailTheCancellationTest() {
        Map<String, Throwable> failed = failures(KeepsItsConnectionOnCancel.class);
        assertEquals(Set.of("cancelledReadShouldLeaveTheSourceUsable"), failed.keySet());
        Throwable hung = failed.get("cancelledReadShouldLeaveTheSourceUsable");
        assertInstanceOf(IllegalStateException.class, hung);
        assertTrue(hung.getMessage().startsWith("Timeout on blocking read"), hung::getMessage);
    }

    /** The in-memory source through a {@link ForwardingSource} that changes nothing: the control. */
    @Disabled(BROKEN)
    static class Unbroken implements ByteRangeSourceContract {
        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            return new ForwardingSource(memory(name, content));
        }
    }

    /** Asks for one byte more than the range, as a reader that takes an exclusive end for an inclusive one. */
    @Disabled(BROKEN)
    static class OneByteTooMany implements ByteRangeSourceContract {
        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            return new ForwardingSource(memory(name, content)) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return super.read(ByteRange.of(range.offset(), range.length() + 1));
                }
            };
        }
    }

    /** Starts the read when {@code read} is called, not when it is subscribed to. */
    @Disabled(BROKEN)
    static class Eager implements ByteRangeSourceContract {
        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            return new ForwardingSource(memory(name, content)) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return Mono.fromFuture(super.read(range).toFuture());
                }
            };
        }
    }

    /** Turns an answer with no bytes into an error, as a source that passes on a 416 would. */
    @Disabled(BROKEN)
    static class FailsPastTheEnd implements ByteRangeSourceContract {
        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            return new ForwardingSource(memory(name, content)) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return super.read(range).flatMap(r -> r.length() > 0 ? Mono.just(r)
                            : Mono.error(new PermanentSourceException("416 Range Not Satisfiable", uri(), range.offset())));
                }
            };
        }
    }

    /** Reports counters that never move. */
    @Disabled(BROKEN)
    static class CountsNothing implements ByteRangeSourceContract {
        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            ReadStats none = new ReadStats();
            return new ForwardingSource(memory(name, content)) {
                @Override
                public ReadStats stats() {
                    return none;
                }
            };
        }
    }

    /**
     * Reads over one connection, one read after the other, and gives the connection back when a
     * read succeeds or fails but not when it is cancelled: every read after a cancelled one waits
     * for ever. The kit's wait is cut to two seconds.
     */
    @Disabled(BROKEN)
    static class KeepsItsConnectionOnCancel implements ByteRangeSourceContract {
        @Override
        public Duration timeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public ByteRangeSource sourceFor(String name, byte[] content) {
            AtomicReference<Mono<Void>> free = new AtomicReference<>(Mono.empty());
            return new ForwardingSource(memory(name, content)) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return Mono.defer(() -> {
                        Sinks.Empty<Void> released = Sinks.empty();
                        return free.getAndSet(released.asMono())
                                .then(super.read(range))
                                .doOnSuccess(r -> released.tryEmitEmpty())
                                .doOnError(e -> released.tryEmitEmpty());
                    });
                }
            };
        }
    }
}

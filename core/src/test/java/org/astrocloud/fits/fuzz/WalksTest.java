package org.astrocloud.fits.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The fuzz tests' invariants fail where they should: untyped errors, missing or altered headers, a walk that hangs. */
class WalksTest {

    @Test
    void anUntypedErrorShouldFail() {
        assertThrows(AssertionError.class, () -> Walks.assertOnlyTypedError(
                new Walks.Outcome(List.of(), new NullPointerException())));
        Walks.assertOnlyTypedError(new Walks.Outcome(List.of(), FormatErrors.truncatedFile("cut", null, 0, 5760)));
    }

    @Test
    void theWrittenHeadersShouldPassAndOthersFail() {
        Walks.Outcome lc = Walks.walk(FitsScanner.create(), new FuzzSource(SeedFiles.lightCurveFile(), true, 0, 80));
        assertEquals(3, lc.headers().size());
        Walks.assertPrefix(lc, SeedFiles.sequence().subList(0, 3));
        List<SeedHdu> wrongThird = List.of(SeedFiles.primary(), SeedFiles.lightCurve(), SeedFiles.ffi());
        assertThrows(AssertionError.class, () -> Walks.assertPrefix(lc, wrongThird));
        assertThrows(AssertionError.class, () -> Walks.assertPrefix(lc, SeedFiles.sequence().subList(0, 4)));
    }

    @Test
    void aWalkThatDoesNotEndShouldFail() {
        ForwardingSource hanging = new ForwardingSource(MemoryByteRangeSource.of(URI.create("mem:/hangs.fits"),
                SeedFiles.primary().bytes())) {
            @Override
            public Mono<RangeBytes> read(ByteRange range) {
                return Mono.never();
            }
        };
        assertThrows(AssertionError.class, () -> Walks.walk(FitsScanner.create(), hanging, Duration.ofMillis(200)));
    }
}

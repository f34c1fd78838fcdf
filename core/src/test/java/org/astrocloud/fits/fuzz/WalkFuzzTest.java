package org.astrocloud.fits.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the ranged walk: any bytes, read with any read-ahead and largest header, from a source
 * that tells the object's size or does not (see {@link WalkInput} for the input's layout). Under
 * plain {@code mvn test} this runs the seed corpus and every finding kept in
 * {@code src/test/resources/org/astrocloud/fits/fuzz/WalkFuzzTestInputs/<method>/}; see the README
 * for fuzzing.
 */
class WalkFuzzTest {

    /** Any bytes: the walk ends with headers and completion or a typed error, in bounded time. */
    @FuzzTest(maxDuration = "5m")
    void anyBytesEndInHeadersOrATypedError(byte[] input) {
        WalkInput in = WalkInput.of(input);
        Walks.walk(in.scanner(), in.source(in.object()));
    }

    /** Whole HDUs, then any bytes: the headers of the whole HDUs come out as they were written. */
    @FuzzTest(maxDuration = "5m")
    void headersBeforeAFaultAreEmitted(byte[] input) {
        Walks.assertHeadersBeforeTailEmitted(WalkInput.of(input), plain -> plain);
    }
}

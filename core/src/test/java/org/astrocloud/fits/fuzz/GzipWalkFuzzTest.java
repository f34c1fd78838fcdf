package org.astrocloud.fits.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.astrocloud.fits.testkit.FitsBytes;

/**
 * Fuzzes the gzip walk, from both ends: the compressed bytes themselves, and the plain FITS that
 * is compressed before the walk (see {@link WalkInput} for the settings bytes; the stream arrives
 * in chunks of fuzzed sizes). Regression inputs live in
 * {@code src/test/resources/org/astrocloud/fits/fuzz/GzipWalkFuzzTestInputs/<method>/}.
 */
class GzipWalkFuzzTest {

    /** Any bytes (the seeds are gzip members): the walk ends with headers and completion or a typed error. */
    @FuzzTest(maxDuration = "5m")
    void anyCompressedBytesEndInHeadersOrATypedError(byte[] input) {
        WalkInput in = WalkInput.of(input);
        Walks.walk(in.scanner(), in.source(in.object()));
    }

    /** Whole HDUs, then any bytes, compressed: the headers of the whole HDUs come out as written. */
    @FuzzTest(maxDuration = "5m")
    void gzipOfHeadersBeforeAFaultEmitsThem(byte[] input) {
        Walks.assertHeadersBeforeTailEmitted(WalkInput.of(input), FitsBytes::gzip);
    }
}

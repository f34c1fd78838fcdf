package org.astrocloud.fits;

/**
 * Where a scanner records metrics. Free of Micrometer types, so that {@link FitsScanner} and the
 * walk load without Micrometer; {@link MicrometerMetrics} is the implementation. Called on
 * whatever thread ends a read or a file; implementations must not block.
 */
interface ScanMeters {

    /** A start time for {@link #readEnded}, in nanoseconds of the meters' own clock. */
    long readStarted();

    /** Records one read of a {@code scheme} source that started at {@code start} and ended with {@code outcome}. */
    void readEnded(String scheme, long start, String outcome);

    /** Records one file's scan. */
    void fileEnded(FileFigures file);
}

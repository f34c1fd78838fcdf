package org.astrocloud.fits;

import org.astrocloud.fits.spi.ByteRangeSource;

/**
 * What a scanner reports to besides its subscribers: metrics and running totals, each optional.
 * Immutable, like the scanner that holds it.
 */
final class ScanHooks {
    static final ScanHooks NONE = new ScanHooks(null, null);

    /** {@code null} when no metrics are configured. */
    private final ScanMeters meters;
    /** {@code null} when no totals are configured. */
    private final ScanTotals totals;

    private ScanHooks(ScanMeters meters, ScanTotals totals) {
        this.meters = meters;
        this.totals = totals;
    }

    ScanHooks withMeters(ScanMeters value) {
        return new ScanHooks(value, totals);
    }

    ScanHooks withTotals(ScanTotals value) {
        return new ScanHooks(meters, value);
    }

    /** {@code source}, with its reads timed when metrics are configured. */
    ByteRangeSource instrument(ByteRangeSource source, String scheme) {
        return meters == null ? source : new TimedSource(source, meters, scheme);
    }

    /** Records one file's figures in the totals and the metrics. */
    void fileEnded(FileFigures file) {
        if (totals != null) {
            totals.add(file);
        }
        if (meters != null) {
            meters.fileEnded(file);
        }
    }

    @Override
    public String toString() {
        return "metrics=" + (meters != null) + ", totals=" + (totals != null);
    }
}

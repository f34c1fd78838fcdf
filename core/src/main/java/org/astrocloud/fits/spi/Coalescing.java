package org.astrocloud.fits.spi;

/**
 * How {@link ByteRangeSource#readRanges} turns many wanted ranges of one object into few reads:
 * neighbours closer than {@code maxGap} bytes are read as one range (the gap is read and dropped),
 * no read is longer than {@code maxReadLength} (a wanted range longer than that is read in pieces),
 * and at most {@code maxInFlight} reads of the object run at once.
 *
 * <pre>{@code
 * Coalescing.defaults();                       // 64 KiB gaps, 8 MiB reads, 32 in flight
 * Coalescing.defaults().withMaxGap(0);         // merge only ranges that touch or overlap
 * }</pre>
 *
 * <p>The defaults are measured (BENCHMARKS.md "Coalescing"): with {@code k} reads in flight, one more
 * request costs about a round trip divided by {@code k}, and reading a gap costs its length at the
 * link's rate; at 20 ms, 1 Gbit/s and 32 in flight they break even near 80 KB, and 64 KiB gaps were
 * the fastest of the sizes tried on every section measured. 32 reads in flight cover the rows of a
 * 30x30 TESS cutout in one round; 8 MiB reads keep at most {@code 32 x 8 MiB} in memory per object.
 * Hadoop S3A chose 4,896-byte gaps (which merge no two rows of a FITS image) and 1,253,376-byte reads
 * for Parquet footers; COG readers merge gaps up to 1 MiB. On a slower link or with fewer reads in
 * flight, a larger gap pays.
 *
 * @param maxGap the largest gap between two wanted ranges that is read rather than skipped, at least 0
 * @param maxReadLength the longest single read, at least 1
 * @param maxInFlight how many reads of the object may run at once, at least 1
 */
public record Coalescing(long maxGap, long maxReadLength, int maxInFlight) {
    private static final Coalescing DEFAULTS = new Coalescing(64L << 10, 8L << 20, 32);

    /** Checks the settings. */
    public Coalescing {
        if (maxGap < 0) {
            throw new IllegalArgumentException("max gap must not be negative: " + maxGap);
        }
        if (maxReadLength < 1 || maxReadLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max read length must be between 1 and 2^31 - 9: " + maxReadLength);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + maxInFlight);
        }
    }

    /** 64 KiB gaps, 8 MiB reads, 32 reads in flight. */
    public static Coalescing defaults() {
        return DEFAULTS;
    }

    /** A copy with {@code maxGap}. */
    public Coalescing withMaxGap(long maxGap) {
        return new Coalescing(maxGap, maxReadLength, maxInFlight);
    }

    /** A copy with {@code maxReadLength}. */
    public Coalescing withMaxReadLength(long maxReadLength) {
        return new Coalescing(maxGap, maxReadLength, maxInFlight);
    }

    /** A copy with {@code maxInFlight}. */
    public Coalescing withMaxInFlight(int maxInFlight) {
        return new Coalescing(maxGap, maxReadLength, maxInFlight);
    }
}

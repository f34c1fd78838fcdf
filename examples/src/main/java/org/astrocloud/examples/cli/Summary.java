package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.astrocloud.fits.ScanTotals;

/**
 * The closing summary on stderr, read from the scanner's {@link ScanTotals}, with an estimate of what the scan cost
 * and what downloading the files whole would have cost at AWS's published S3 prices.
 */
final class Summary {
    /** S3 Standard GET requests, us-east-1: USD 0.0004 per 1,000. */
    static final double USD_PER_GET = 0.0004 / 1000;
    /** S3 data transfer out to the internet, us-east-1, first 10 TB a month: USD 0.09 per GB. */
    static final double USD_PER_GB_OUT = 0.09;

    /** What the scanner counted, per file, from the same figures as its results and metrics. */
    final ScanTotals scanned = new ScanTotals();
    /** Inputs that could not even be listed (they never reached the scanner). */
    private final LongAdder unlisted = new LongAdder();
    private final long start = System.nanoTime();

    /** Counts an input whose listing failed. */
    void unlisted() {
        unlisted.increment();
    }

    long failed() {
        return scanned.filesFailed() + scanned.filesCancelled() + unlisted.sum();
    }

    long files() {
        return scanned.files() + unlisted.sum();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void print(PrintWriter err, int skipped) {
        long files = files();
        ScanTotals t = scanned;
        double scanCost = t.requests() * USD_PER_GET + t.bytesRead() / 1e9 * USD_PER_GB_OUT;
        double downloadCost = files * USD_PER_GET + t.objectBytes() / 1e9 * USD_PER_GB_OUT;
        err.printf(Locale.ROOT, "%n%d files: %d ok, %d failed%s; %d HDUs%n", files, t.filesOk(), failed(),
                skipped > 0 ? " (" + skipped + " skipped, done by an earlier run)" : "", t.hdus());
        err.printf(Locale.ROOT, "%d requests, %d retries, %s read of %s in the files (%.6f%%), in %.2f s%n",
                t.requests(), t.retries(), bytes(t.bytesRead()), bytes(t.objectBytes()),
                t.objectBytes() == 0 ? 0.0 : 100.0 * t.bytesRead() / t.objectBytes(), elapsedSeconds());
        err.printf(Locale.ROOT, "Estimated cost if these were S3 objects read from outside AWS: this scan USD %.4f;"
                + " downloading the files whole USD %,.2f%n", scanCost, downloadCost);
        err.printf(Locale.ROOT, "  (an estimate at S3 Standard us-east-1 list prices: USD %.4f per 1,000 GETs,"
                + " USD %.2f per GB transferred out; reads within the same region transfer for free)%n",
                USD_PER_GET * 1000, USD_PER_GB_OUT);
        err.flush();
    }

    static String bytes(long n) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}

package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.ScanTotals;

/**
 * The closing summary on stderr, read from the scanner's {@link ScanTotals}, with an estimate of what the scan cost
 * and what downloading the files whole would have cost at AWS's published S3 prices: only for the files read over
 * the network (local files cost nothing to read).
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
    /** The figures of the files read over the network, for the cost estimate. */
    private final LongAdder networkFiles = new LongAdder();
    private final LongAdder networkRequests = new LongAdder();
    private final LongAdder networkBytesRead = new LongAdder();
    private final LongAdder networkObjectBytes = new LongAdder();

    private static final Set<String> LOCAL_SCHEMES = Set.of("file", "mem");
    private final long start = System.nanoTime();

    /** Counts an input whose listing failed. */
    void unlisted() {
        unlisted.increment();
    }

    /** Counts one file's result towards the cost estimate when it was read over the network. */
    void add(ScanResult r) {
        String scheme = r.resolvedUri().getScheme();
        if (scheme != null && !LOCAL_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            networkFiles.increment();
            networkRequests.add(r.requests());
            networkBytesRead.add(r.bytesRead());
            networkObjectBytes.add(r.size().orElse(0));
        }
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
        err.printf(Locale.ROOT, "%n%d files: %d ok, %d failed%s; %d HDUs%n", files, t.filesOk(), failed(),
                skipped > 0 ? " (" + skipped + " skipped, done by an earlier run)" : "", t.hdus());
        err.printf(Locale.ROOT, "%d requests, %d retries, %s read of %s in the files (%s), in %.2f s%n",
                t.requests(), t.retries(), bytes(t.bytesRead()), bytes(t.objectBytes()),
                percent(t.bytesRead(), t.objectBytes()), elapsedSeconds());
        if (networkFiles.sum() > 0) {
            double scanCost = networkRequests.sum() * USD_PER_GET + networkBytesRead.sum() / 1e9 * USD_PER_GB_OUT;
            double downloadCost = networkFiles.sum() * USD_PER_GET + networkObjectBytes.sum() / 1e9 * USD_PER_GB_OUT;
            err.printf(Locale.ROOT, "Estimated cost of the %d files read over the network, if they were S3 objects read"
                    + " from outside AWS: this scan USD %.4f; downloading them whole USD %,.2f%n", networkFiles.sum(),
                    scanCost, downloadCost);
            err.printf(Locale.ROOT, "  (an estimate at S3 Standard us-east-1 list prices: USD %.4f per 1,000 GETs,"
                    + " USD %.2f per GB transferred out; reads within the same region transfer for free)%n",
                    USD_PER_GET * 1000, USD_PER_GB_OUT);
        }
        err.flush();
    }

    /** {@code part} of {@code whole} as a percentage with two significant digits: 90%, 4.2%, 0.0003%. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "0%";
        }
        BigDecimal p = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), new MathContext(2));
        if (p.compareTo(BigDecimal.valueOf(10)) >= 0) {
            p = p.setScale(0, java.math.RoundingMode.HALF_EVEN);
        }
        return p.stripTrailingZeros().toPlainString() + "%";
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

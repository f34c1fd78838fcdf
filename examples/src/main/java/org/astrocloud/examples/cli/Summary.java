package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.astrocloud.fits.ScanResult;

/**
 * The totals of a scan and the closing summary on stderr, with an estimate of what the scan cost
 * and what downloading the files whole would have cost at AWS's published S3 prices.
 */
final class Summary {
    /** S3 Standard GET requests, us-east-1: USD 0.0004 per 1,000. */
    static final double USD_PER_GET = 0.0004 / 1000;
    /** S3 data transfer out to the internet, us-east-1, first 10 TB a month: USD 0.09 per GB. */
    static final double USD_PER_GB_OUT = 0.09;

    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder hdus = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder totalSize = new LongAdder();
    private final long start = System.nanoTime();

    void add(ScanResult r) {
        (r.isOk() ? ok : failed).increment();
        hdus.add(r.headers().size());
        requests.add(r.requests());
        bytesRead.add(r.bytesRead());
        retries.add(r.retries());
        r.size().ifPresent(totalSize::add);
    }

    long files() {
        return ok.sum() + failed.sum();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void print(PrintWriter err, int skipped) {
        long files = files();
        double scanCost = requests.sum() * USD_PER_GET + bytesRead.sum() / 1e9 * USD_PER_GB_OUT;
        double downloadCost = files * USD_PER_GET + totalSize.sum() / 1e9 * USD_PER_GB_OUT;
        err.printf(Locale.ROOT, "%n%d files: %d ok, %d failed%s; %d HDUs%n", files, ok.sum(), failed.sum(),
                skipped > 0 ? " (" + skipped + " skipped, done by an earlier run)" : "", hdus.sum());
        err.printf(Locale.ROOT, "%d requests, %d retries, %s read of %s in the files (%.6f%%), in %.2f s%n",
                requests.sum(), retries.sum(), bytes(bytesRead.sum()), bytes(totalSize.sum()),
                totalSize.sum() == 0 ? 0.0 : 100.0 * bytesRead.sum() / totalSize.sum(), elapsedSeconds());
        err.printf(Locale.ROOT, "Estimated cost if these were S3 objects read from outside AWS: this scan USD %.4f;"
                + " downloading the files whole USD %,.2f%n", scanCost, downloadCost);
        err.printf(Locale.ROOT, "  (an estimate at S3 Standard us-east-1 list prices: USD 0.0004 per 1,000 GETs,"
                + " USD 0.09 per GB transferred out; reads within the same region transfer for free)%n");
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

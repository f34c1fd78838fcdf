package org.astrocloud.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.http.HttpOptions;
import reactor.core.publisher.Flux;

/**
 * astro-cloud as a library: {@link FitsScanner#scanAll} over a URL list, every header emitted and
 * counted, nothing printed per file. Next to {@code fits-scan} (same scan plus JSON Lines of every
 * card), it separates the cost of discovering the headers from the cost of writing them out.
 *
 * <pre>
 * java [-Dbench.rounds=1] -cp bench/target/benchmarks.jar org.astrocloud.bench.LibraryScan URL_LIST C
 * </pre>
 * With more than one round, earlier rounds warm the JVM and only the last one is reported.
 * Prints {@code SCAN_SECONDS s FILES n FAILED f}.
 */
public final class LibraryScan {
    private LibraryScan() {
    }

    public static void main(String[] args) throws IOException {
        List<URI> uris = Files.readAllLines(Path.of(args[0])).stream().map(URI::create).toList();
        int c = Integer.parseInt(args[1]);
        int rounds = Integer.getInteger("bench.rounds", 1);
        FitsScanner scanner = FitsScanner.create().concurrency(c).option(HttpOptions.MAX_CONNECTIONS_PER_HOST, c);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            // counted as they come, not kept: holding every header would measure the heap, not the scan
            long[] counts = scanner.scanAll(Flux.fromIterable(uris))
                    .reduce(new long[3], LibraryScan::count)
                    .block(Duration.ofHours(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = round == rounds ? "SCAN_SECONDS" : "round " + round + ":";
            System.out.printf(Locale.ROOT, "%s %.3f FILES %d FAILED %d HDUS %d%n", line, seconds, counts[0], counts[1], counts[2]);
        }
        ByteRangeSources.installed().close();   // pools and event loops, after the timing
        System.exit(0);
    }

    /** Files, failed files, HDUs. */
    static long[] count(long[] counts, ScanResult r) {
        counts[0]++;
        counts[1] += r.isOk() ? 0 : 1;
        counts[2] += r.headers().size();
        return counts;
    }
}

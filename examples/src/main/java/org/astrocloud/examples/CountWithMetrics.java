package org.astrocloud.examples;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanTotals;
import reactor.core.publisher.Flux;

/**
 * The README's metrics example, compiled here: totals of a scan from {@link ScanTotals} (a
 * Micrometer registry goes to {@code FitsScanner.listener(MicrometerScanListener.of(registry))} the same way). Run with paths:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.CountWithMetrics a.fits b.fits}.
 */
public final class CountWithMetrics {
    private CountWithMetrics() {
    }

    /** Scans the files given and prints the totals. */
    public static void main(String[] args) {
        Flux<URI> uris = Flux.fromArray(args).map(a -> Path.of(a).toUri());
        ScanTotals totals = new ScanTotals();
        FitsScanner scanner = FitsScanner.create().listener(totals);   // .listener(MicrometerScanListener.of(registry)) for Micrometer
        scanner.scanAll(uris).blockLast(Duration.ofMinutes(5));
        System.out.printf("%d files (%d failed), %d HDUs, %,d bytes in %d requests%n",
                totals.files(), totals.filesFailed(), totals.hdus(), totals.bytesRead(), totals.requests());
    }
}

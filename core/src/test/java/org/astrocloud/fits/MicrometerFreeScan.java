package org.astrocloud.fits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * A plain scan of one file, run by {@link MicrometerOptionalTest} inside a class loader that has
 * no Micrometer: returns what it saw as text, so nothing crosses the class loaders but strings.
 */
public final class MicrometerFreeScan implements Function<Path, String> {

    /** Called reflectively. */
    public MicrometerFreeScan() {
    }

    @Override
    public String apply(Path file) {
        ScanTotals totals = new ScanTotals();
        FitsScanner scanner = FitsScanner.create().listener(totals);
        ScanResult result = scanner.scanFile(file.toUri()).block(Duration.ofSeconds(30));
        long streamed = scanner.scan(file.toUri()).count().block(Duration.ofSeconds(30));
        return "ok=" + result.isOk() + " hdus=" + result.headers().size() + " requests=" + result.requests()
                + " streamed=" + streamed + " files=" + totals.files() + " totalRequests=" + totals.requests();
    }
}

package org.astrocloud.examples;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.gcs.GcsCredentials;
import org.astrocloud.gcs.GcsOptions;

/**
 * The README's Google Cloud Storage example, compiled here: the cubes a glob names in a bucket, listed with the
 * JSON API and scanned 64 at a time, anonymously. Run (needs the network and a public bucket of yours):
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadFromGcs gs://BUCKET/tess/tess-s0022-*-cube.fits}.
 */
public final class ReadFromGcs {
    private ReadFromGcs() {
    }

    /** Lists and scans the cubes of {@code args[0]}, printing one line per cube. */
    public static void main(String[] args) {
        FitsScanner scanner = FitsScanner.create()
                .option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous())   // a public bucket
                .concurrency(64);
        scanner.scanAll(scanner.expand(URI.create(args.length > 0 ? args[0] : "gs://my-archive/tess/tess-s0022-*-cube.fits")))
                .doOnNext((ScanResult r) -> System.out.println(r.uri() + ": " + r.headers().size() + " HDUs, "
                        + r.requests() + " GETs, " + r.bytesRead() + " bytes"))
                .blockLast(Duration.ofMinutes(5));
    }
}

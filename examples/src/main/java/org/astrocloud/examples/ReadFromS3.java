package org.astrocloud.examples;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;

/**
 * The README's S3 example, compiled here: every sector-22 cube of the public TESS bucket, listed
 * with a glob and scanned 64 at a time, anonymously. Run (needs the network):
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadFromS3}.
 */
public final class ReadFromS3 {
    private ReadFromS3() {
    }

    /** Lists and scans the cubes, printing one line per cube. */
    public static void main(String[] args) {
        FitsScanner scanner = FitsScanner.create()
                .option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS)   // stpubdata is public
                .option(S3Options.REGION, "us-east-1")
                .concurrency(64);
        scanner.scanAll(scanner.expand(URI.create("s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits")))
                .doOnNext((ScanResult r) -> System.out.println(r.uri() + ": " + r.headers().size() + " HDUs, "
                        + r.requests() + " GETs, " + r.bytesRead() + " bytes"))
                .blockLast(Duration.ofMinutes(5));
    }
}

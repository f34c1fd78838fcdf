package org.astrocloud.examples;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.azure.AzureOptions;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;

/**
 * The README's Azure Blob Storage example, compiled here: every sector-22 cube of a container,
 * listed with a glob and scanned 64 at a time, with the account and a SAS token from the
 * environment. Run (needs an account):
 * {@code AZURE_STORAGE_ACCOUNT=... AZURE_STORAGE_SAS_TOKEN=... java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadFromAzure}.
 */
public final class ReadFromAzure {
    private ReadFromAzure() {
    }

    /** Lists and scans the cubes, printing one line per cube. */
    public static void main(String[] args) {
        FitsScanner scanner = FitsScanner.create()
                .option(AzureOptions.ACCOUNT, System.getenv("AZURE_STORAGE_ACCOUNT"))
                .option(AzureOptions.SAS_TOKEN, System.getenv("AZURE_STORAGE_SAS_TOKEN"))   // or ACCOUNT_KEY, CONNECTION_STRING
                .concurrency(64);
        scanner.scanAll(scanner.expand(URI.create("az://tess/sector22/tess-s0022-*-cube.fits")))
                .doOnNext((ScanResult r) -> System.out.println(r.uri() + ": " + r.headers().size() + " HDUs, "
                        + r.requests() + " GETs, " + r.bytesRead() + " bytes"))
                .blockLast(Duration.ofMinutes(5));
    }
}

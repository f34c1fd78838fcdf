package org.astrocloud.examples;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.astrocloud.fits.data.DownloadResult;
import org.astrocloud.fits.data.Downloads;
import org.astrocloud.fits.data.HduSelection;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;

/**
 * The README's download example, compiled here so that it stays correct. Run with a FITS path or
 * URI and an HDU index: {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.DownloadHdu
 * s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits 2}.
 */
public final class DownloadHdu {
    private DownloadHdu() {
    }

    /** Saves one HDU as a FITS file of its own, then the object's first block. */
    public static void main(String[] args) {
        URI uri = args[0].contains(":") ? URI.create(args[0]) : Path.of(args[0]).toUri();
        int hdu = Integer.parseInt(args[1]);
        Downloads downloads = Downloads.create();

        // --- one HDU as a standalone FITS file, resumable (hdu.fits.part until done), with progress
        DownloadResult r = downloads.get(uri)
                .hdu(HduSelection.index(hdu))
                .onProgress(p -> System.err.printf("\r%,d of %,d bytes", p.done(), p.total()))
                .writeTo(Path.of("hdu.fits"))
                .block(Duration.ofMinutes(10));
        System.err.println();
        System.out.printf("hdu.fits: %,d bytes; %d requests, %,d bytes read%s%n", r.size(), r.requests(), r.bytesRead(),
                r.resumedFrom() > 0 ? ", resumed at " + r.resumedFrom() : "");

        // --- exactly bytes 0 to 2879 (the primary header's first block), no more read
        DownloadResult block = downloads.get(uri).range(ByteRange.of(0, 2880))
                .writeTo(Path.of("block0.bin"))
                .block(Duration.ofMinutes(1));
        System.out.println("block0.bin: " + block.size() + " bytes, " + block.bytesRead() + " read");

        // the HTTP and S3 clients hold connection pools and event loops: release them when done
        ByteRangeSources.installed().close();
    }
}

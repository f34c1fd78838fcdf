package org.astrocloud.examples;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.HduKind;
import org.astrocloud.fits.ScanResult;
import reactor.core.publisher.Flux;

/**
 * The README's Java examples, compiled here so they stay correct. Run with a FITS path:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadHeaders cube.fits}.
 */
public final class ReadHeaders {
    private ReadHeaders() {
    }

    /** Prints each HDU of one file, then scans it again as part of a batch. */
    public static void main(String[] args) {
        URI uri = Path.of(args[0]).toUri();

        // --- one file: a cold, demand-driven Flux of headers
        FitsScanner scanner = FitsScanner.create();
        scanner.scan(uri)
                .doOnNext(h -> System.out.printf("HDU %d %s %s data at %,d (%,d bytes)%n",
                        h.index(), h.kind(), h.naxis(), h.dataOffset(), h.dataSize()))
                .blockLast(Duration.ofSeconds(30));

        // --- typed values, no sentinels: Optional when a keyword is missing
        FitsHeader image = scanner.scan(uri)
                .filter(h -> h.kind() == HduKind.IMAGE)
                .blockFirst(Duration.ofSeconds(30));
        if (image != null) {
            long frames = image.naxis().get(1);
            String unit = image.stringValue("BUNIT").orElse("(no BUNIT)");
            System.out.println(frames + " frames, unit " + unit);
        }

        // --- many files: one result per file; a broken file is a result with its error
        List<ScanResult> results = scanner.concurrency(64)
                .scanAll(Flux.just(uri, URI.create("file:/no/such/file.fits")))
                .collectList()
                .block(Duration.ofSeconds(30));
        for (ScanResult r : results) {
            System.out.println(r.uri() + (r.isOk() ? " ok, " + r.headers().size() + " HDUs in " + r.requests() + " reads"
                    : " failed: " + r.error().orElseThrow().getMessage()));
        }
    }
}

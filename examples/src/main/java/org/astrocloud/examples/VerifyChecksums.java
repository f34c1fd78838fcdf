package org.astrocloud.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.astrocloud.fits.data.ChecksumVerifier;
import org.astrocloud.fits.data.FileChecksums;
import org.astrocloud.fits.data.Verdict;
import reactor.core.publisher.Flux;

/**
 * The README's checksum example, compiled here so that it stays correct. Run with FITS paths:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.VerifyChecksums image.fits cube.fits.gz}.
 */
public final class VerifyChecksums {
    private VerifyChecksums() {
    }

    /** Prints every HDU whose CHECKSUM or DATASUM fails, then one line per file. */
    public static void main(String[] args) {
        ChecksumVerifier verifier = ChecksumVerifier.create();

        // --- one file: a Flux of HDUs, each data unit streamed and summed as it arrives
        verifier.verify(Path.of(args[0]).toUri())
                .filter(hdu -> hdu.checksum() == Verdict.BAD || hdu.datasum() == Verdict.BAD)
                .doOnNext(hdu -> System.out.printf("HDU %d: CHECKSUM %s, DATASUM %s (card %s, computed %s)%n",
                        hdu.index(), hdu.checksum(), hdu.datasum(), hdu.datasumCard().orElse("none"),
                        hdu.computedDatasum()))
                .blockLast(Duration.ofMinutes(10));

        // --- many files, two at a time: one result per file, a broken file is a result with its error
        Flux.fromArray(args)
                .map(a -> Path.of(a).toUri())
                .flatMapSequential(verifier::verifyFile, 2)
                .doOnNext((FileChecksums f) -> System.out.println(f.uri() + ": "
                        + (f.error().isPresent() ? "unreadable: " + f.error().get().getMessage()
                        : f.isOk() ? "OK" : f.isIntact() ? "checksums missing" : "FAILED")
                        + ", " + f.requests() + " requests, " + f.bytesRead() + " bytes"))
                .blockLast(Duration.ofMinutes(30));
    }

}

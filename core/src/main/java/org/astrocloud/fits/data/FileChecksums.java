package org.astrocloud.fits.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's verification as one value: the checksums of the HDUs verified, the error that stopped
 * it (if one did: the HDUs before it are still there) and what it cost in reads.
 *
 * <pre>{@code
 * ChecksumVerifier.create().verifyFile(URI.create("https://example.org/data/image.fits"))
 *     .subscribe(f -> System.out.println(f.hdus().size() + " HDUs, intact " + f.isIntact()
 *             + ", " + f.requests() + " requests, " + f.bytesRead() + " bytes"));
 * }</pre>
 *
 * @param uri the object verified
 * @param hdus the HDUs verified, in order
 * @param failure the error that stopped the verification, or {@code null}
 * @param requests the requests sent (retries included)
 * @param bytesRead the bytes received
 * @param retries the retries of failed requests
 */
public record FileChecksums(URI uri, List<HduChecksum> hdus, Throwable failure, long requests, long bytesRead,
                            long retries) {

    /** Copies the list; checks that the URI and list are not null. */
    public FileChecksums {
        Objects.requireNonNull(uri, "uri");
        hdus = List.copyOf(hdus);
    }

    /** The error that stopped the verification, if one did. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }

    /** Whether the whole file was read and no checksum or datasum is bad (missing ones are allowed). */
    public boolean isIntact() {
        return failure == null && hdus.stream().allMatch(HduChecksum::isIntact);
    }

    /** Whether the whole file was read and every HDU has both keywords, right. */
    public boolean isOk() {
        return failure == null && hdus.stream().allMatch(HduChecksum::isOk);
    }
}

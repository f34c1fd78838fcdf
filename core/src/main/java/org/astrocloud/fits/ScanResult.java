package org.astrocloud.fits;

import org.astrocloud.fits.error.Redaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of scanning one file: every header read before the end or before a failure, the
 * failure if there was one, and what the scan cost.
 *
 * @param uri the URI as given to the scanner
 * @param resolvedUri the URI actually read, after the {@link RootMap}
 * @param headers the headers in file order; those before a failure are kept
 * @param error why the scan stopped early, if it did
 * @param requests requests the source sent
 * @param bytesRead bytes the source received
 * @param retries retries the source made
 * @param size the object's size, when the source learned it
 * @param trailingBytes bytes after the last HDU that do not start an extension, when the walk reached the end
 * @param elapsed from the first request to the end of the scan
 * @param origin whether the headers were walked or came from a catalog
 */
public record ScanResult(URI uri, URI resolvedUri, List<FitsHeader> headers, Optional<Throwable> error,
                         long requests, long bytesRead, long retries, OptionalLong size,
                         OptionalLong trailingBytes, Duration elapsed, ScanOrigin origin) {

    /** Checks that nothing is null and copies the headers. */
    public ScanResult {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(resolvedUri, "resolvedUri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(trailingBytes, "trailingBytes");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(origin, "origin");
    }

    /** A result of a walk ({@link ScanOrigin#WALKED}). */
    public ScanResult(URI uri, URI resolvedUri, List<FitsHeader> headers, Optional<Throwable> error,
                      long requests, long bytesRead, long retries, OptionalLong size,
                      OptionalLong trailingBytes, Duration elapsed) {
        this(uri, resolvedUri, headers, error, requests, bytesRead, retries, size, trailingBytes, elapsed,
                ScanOrigin.WALKED);
    }

    /** Whether a catalog answered ({@link ScanOrigin#CATALOG} or {@link ScanOrigin#REVALIDATED}). */
    public boolean fromCatalog() {
        return origin != ScanOrigin.WALKED;
    }

    /** The result for {@code uri} when it could not be scanned at all (for example a listing that failed). */
    public static ScanResult failed(URI uri, Throwable error) {
        return new ScanResult(uri, uri, List.of(), Optional.of(error), 0, 0, 0, OptionalLong.empty(),
                OptionalLong.empty(), Duration.ZERO);
    }

    /** Whether the whole file was walked without an error. */
    public boolean isOk() {
        return error.isEmpty();
    }

    /** The result in a line, its URIs with their secrets masked ({@link Redaction}). */
    @Override
    public String toString() {
        return "ScanResult[uri=" + Redaction.redact(uri) + (resolvedUri.equals(uri) ? "" : ", resolvedUri="
                + Redaction.redact(resolvedUri)) + ", hdus=" + headers.size() + ", error="
                + error.map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse("none") + ", requests="
                + requests + ", bytesRead=" + bytesRead + ", retries=" + retries + ", size=" + size + ", elapsed="
                + elapsed + (origin == ScanOrigin.WALKED ? "" : ", origin=" + origin) + "]";
    }
}

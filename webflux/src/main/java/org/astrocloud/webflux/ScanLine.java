package org.astrocloud.webflux;

import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.ScanResult;

/**
 * One file's result in a {@code POST /scans} stream.
 *
 * @param uri the file, its secrets (user info, signature and token query values) masked
 * @param ok whether the whole file was walked without an error
 * @param hdus the headers read (before the error, if any)
 * @param requests the requests the scan sent
 * @param bytesRead the bytes it received
 * @param size the file's size, {@code null} when unknown
 * @param elapsedMs how long the scan took
 * @param error why the scan stopped early, {@code null} when {@code ok}
 * @param origin {@code walked} (read from the object), or with a catalog {@code catalog} (a fresh
 *        entry, no request) or {@code revalidated} (an entry confirmed unchanged)
 */
public record ScanLine(String uri, boolean ok, int hdus, long requests, long bytesRead, Long size, long elapsedMs,
                       ErrorLine.Detail error, String origin) {

    /** The line for {@code r}. */
    public static ScanLine of(ScanResult r) {
        return new ScanLine(Redaction.redact(r.uri()), r.isOk(), r.headers().size(), r.requests(), r.bytesRead(),
                r.size().isPresent() ? r.size().getAsLong() : null, r.elapsed().toMillis(),
                r.error().map(ErrorLine.Detail::of).orElse(null), r.origin().name().toLowerCase(java.util.Locale.ROOT));
    }
}

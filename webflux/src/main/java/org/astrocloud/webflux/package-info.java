/**
 * A Spring Boot WebFlux service over {@link org.astrocloud.fits.FitsScanner}: it streams the
 * headers of FITS files in object storage as NDJSON or Server-Sent Events, without downloading
 * the files.
 *
 * <ul>
 *   <li>{@code GET /headers?uri=...} streams one file's headers, one {@link org.astrocloud.webflux.HduLine}
 *       per HDU ({@code application/x-ndjson}, or {@code text/event-stream} when asked for, where a
 *       failure after the first HDU is an {@code event: error}).</li>
 *   <li>{@code POST /scans} with {@code {"uris": [...]}} or {@code {"prefix": "s3://bucket/dir/"}}
 *       streams one {@link org.astrocloud.webflux.ScanLine} per file, scanning a bounded number of
 *       files at once.</li>
 * </ul>
 *
 * <p>Only URIs under {@code astro-cloud.allowed-roots} are read ({@link org.astrocloud.webflux.UriAllowlist}):
 * anything else is refused with 403 before any read, so the service is no open proxy; local files
 * only under a {@code file:} root. Every error is answered with {@link org.astrocloud.webflux.ErrorLine}'s
 * JSON ({@link org.astrocloud.webflux.ApiErrorHandler}). Responses
 * are the scanner's {@code Flux} itself: nothing blocks, nothing is collected, and a client that
 * disconnects cancels the reads in flight.
 */
package org.astrocloud.webflux;

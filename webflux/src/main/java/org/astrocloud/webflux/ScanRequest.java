package org.astrocloud.webflux;

import java.util.List;

/**
 * The body of {@code POST /scans}: either {@code {"uris": ["https://...", "s3://..."]}} or
 * {@code {"prefix": "s3://bucket/dir/"}} (an S3 prefix or glob, listed page by page as scanning
 * needs; an HTTP URI names itself).
 *
 * @param uris the files to scan
 * @param prefix where to list the files to scan
 */
public record ScanRequest(List<String> uris, String prefix) {

    /**
     * Checks that the request names its files one way, and not too many.
     *
     * @throws BadScanRequestException if it names files both ways or neither, no URI, more than {@code maxFiles}
     *         URIs, or a null one
     */
    public ScanRequest validate(int maxFiles) {
        if ((uris == null) == (prefix == null)) {
            throw new BadScanRequestException("give either \"uris\" or \"prefix\"");
        }
        if (uris != null && (uris.isEmpty() || uris.size() > maxFiles)) {
            throw new BadScanRequestException("\"uris\" must name 1 to " + maxFiles + " files, not " + uris.size());
        }
        if (uris != null && uris.stream().anyMatch(uri -> uri == null)) {
            throw new BadScanRequestException("\"uris\" must not hold null");
        }
        return this;
    }
}

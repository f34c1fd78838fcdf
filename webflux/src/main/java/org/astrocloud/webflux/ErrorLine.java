package org.astrocloud.webflux;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.astrocloud.fits.AstroCloudException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An error as JSON, {@code {"error": {"type": ..., "message": ...}}}: the body of every error
 * response, and the last line of a {@code GET /headers} stream that failed after its first HDU.
 *
 * @param error what went wrong
 */
public record ErrorLine(Detail error) implements HeaderLine {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLine.class);

    /** The line for {@code e}. */
    public static ErrorLine of(Throwable e) {
        return new ErrorLine(Detail.of(e));
    }

    /**
     * What went wrong. The type of a storage or FITS error is the scanner's exception class
     * ({@code ObjectNotFoundException}, {@code TruncatedFileException}, ...); any other failure is
     * an {@code InternalError}, its details logged, not returned.
     *
     * @param type the exception's simple class name, or {@code InternalError}
     * @param message what happened, with the URI, HDU and byte offset when known (credentials masked)
     * @param retryable whether trying again may succeed (time-outs, throttling, 5xx)
     * @param hdu the HDU being read, when known
     * @param offset the byte offset of the problem, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String type, String message, boolean retryable, Integer hdu, Long offset) {

        /** The error for {@code e}. */
        public static Detail of(Throwable e) {
            if (e instanceof AstroCloudException a) {
                return new Detail(a.getClass().getSimpleName(), a.getMessage(), a.isTransient(),
                        a.hdu().isPresent() ? a.hdu().getAsInt() : null,
                        a.offset().isPresent() ? a.offset().getAsLong() : null);
            }
            if (e instanceof UriNotAllowedException || e instanceof BadScanRequestException) {
                return new Detail(e.getClass().getSimpleName(), e.getMessage(), false, null, null);
            }
            LOG.warn("scan failed unexpectedly", e);
            return new Detail("InternalError", "the scan failed unexpectedly", false, null, null);
        }
    }
}

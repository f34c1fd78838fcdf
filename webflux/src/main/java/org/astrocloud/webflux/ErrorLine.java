package org.astrocloud.webflux;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import org.astrocloud.fits.error.AstroCloudException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponse;

/**
 * An error as JSON, {@code {"error": {"type": ..., "message": ...}}}: the body of every error
 * response, and the last line of a {@code GET /headers} stream that failed after its first HDU
 * (as Server-Sent Events, an {@code event: error} whose data is this JSON).
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
     * The line for an error a catalog recorded as {@code Type: message} (the scan that failed):
     * not retryable, since it is a fact about the object as it was scanned.
     */
    public static ErrorLine stored(String text) {
        int colon = text.indexOf(": ");
        return colon < 0 ? new ErrorLine(new Detail("FitsFormatException", text, false, null, null))
                : new ErrorLine(new Detail(text.substring(0, colon), text.substring(colon + 2), false, null, null));
    }

    @Override
    public ServerSentEvent<HeaderLine> event() {
        return ServerSentEvent.<HeaderLine>builder(this).event("error").build();
    }

    /**
     * What went wrong. The type of a storage or FITS error is the scanner's exception class
     * ({@code ObjectNotFoundException}, {@code TruncatedFileException}, ...); a request Spring
     * refuses before it reaches the service (a missing parameter, an unreadable body, an unknown
     * path, another method or media type) is typed by its HTTP status ({@code BadRequest},
     * {@code NotFound}, {@code MethodNotAllowed}, {@code NotAcceptable}, {@code UnsupportedMediaType})
     * with Spring's explanation as the message; any other failure is an {@code InternalError}, its
     * details logged, not returned.
     *
     * @param type the exception's simple class name, the HTTP status's name, or {@code InternalError}
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
            if (e instanceof UriNotAllowedException || e instanceof BadScanRequestException
                    || e instanceof BadCatalogQueryException || e instanceof NotCataloguedException) {
                return new Detail(e.getClass().getSimpleName(), e.getMessage(), false, null, null);
            }
            if (e instanceof ErrorResponse refused && refused.getStatusCode().is4xxClientError()) {
                HttpStatus status = HttpStatus.resolve(refused.getStatusCode().value());
                String detail = refused.getBody().getDetail();
                return new Detail(status == null ? "Status" + refused.getStatusCode().value() : typeName(status),
                        detail != null ? detail : refused.getBody().getTitle(), false, null, null);
            }
            LOG.warn("unexpected failure", e);
            return new Detail("InternalError", "an unexpected failure, logged by the service", false, null, null);
        }

        /** {@code NOT_FOUND} as {@code NotFound}. */
        private static String typeName(HttpStatus status) {
            StringBuilder name = new StringBuilder();
            for (String word : status.name().split("_")) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
            return name.toString();
        }
    }
}

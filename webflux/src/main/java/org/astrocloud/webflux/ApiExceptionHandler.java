package org.astrocloud.webflux;

import org.astrocloud.fits.AstroCloudException;
import org.astrocloud.fits.ObjectNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the errors raised before a response starts with a status and an {@link ErrorLine} as
 * JSON: 403 for a URI outside the allowlist, 400 for a malformed scan request, 404 when the file
 * does not exist, 502 for every other storage or FITS error (the upstream object could not be
 * read as FITS; {@code retryable} tells whether trying again may help). Once a stream has started,
 * errors are lines in it instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    /** 403: the service does not read this URI. */
    @ExceptionHandler
    public ResponseEntity<ErrorLine> notAllowed(UriNotAllowedException e) {
        return answer(HttpStatus.FORBIDDEN, e);
    }

    /** 400: the scan request names no files, or too many. */
    @ExceptionHandler
    public ResponseEntity<ErrorLine> badRequest(BadScanRequestException e) {
        return answer(HttpStatus.BAD_REQUEST, e);
    }

    /** 404 for a file that does not exist, 502 for any other failure to read it. */
    @ExceptionHandler
    public ResponseEntity<ErrorLine> scanFailed(AstroCloudException e) {
        return answer(e instanceof ObjectNotFoundException ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY, e);
    }

    private static ResponseEntity<ErrorLine> answer(HttpStatus status, Exception e) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorLine.of(e));
    }
}

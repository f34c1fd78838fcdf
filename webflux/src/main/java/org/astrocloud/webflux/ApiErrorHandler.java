package org.astrocloud.webflux;

import java.util.List;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Answers every error raised before a response starts with a status and an {@link ErrorLine} as
 * JSON, whatever the request accepts: 403 for a URI outside the allowlist, 400 for a malformed
 * scan request or catalog search, 404 when the file does not exist (or the catalog has no entry
 * for it), 502 for every other storage or FITS error (the
 * upstream object could not be read as FITS; {@code retryable} tells whether trying again may
 * help); for a request Spring refuses before it reaches the controller, Spring's status and
 * headers (400 for a missing parameter or an unreadable body, 404 for an unknown path, 405 with
 * {@code Allow}, 406, 415 with {@code Accept}); 500 for anything else. Once a stream has started,
 * errors are lines (or events) in it instead.
 *
 * <p>It replaces Spring Boot's default {@link ErrorWebExceptionHandler}, so that errors that never
 * reach a controller (no handler for the path, an unparsable {@code Accept} header) get the same
 * body as the service's own.
 */
@Component
@Order(-2)   // before Spring Framework's own WebExceptionHandler (order 0)
public class ApiErrorHandler implements ErrorWebExceptionHandler {
    private final ServerResponse.Context context;

    /** Writes with the application's codecs. */
    public ApiErrorHandler(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        if (exchange.getResponse().isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return Mono.error(e);   // nobody left to answer, or the answer has begun: the connection is closed
        }
        HttpHeaders headers = e instanceof ErrorResponse refused ? refused.getHeaders() : HttpHeaders.EMPTY;
        exchange.getResponse().getHeaders().clearContentHeaders();   // a failed stream may have set its own
        return ServerResponse.status(status(e))
                .headers(h -> h.putAll(headers))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ErrorLine.of(e))
                .flatMap(response -> response.writeTo(exchange, context));
    }

    /** The status that answers {@code e}. */
    private static HttpStatusCode status(Throwable e) {
        if (e instanceof UriNotAllowedException) {
            return HttpStatus.FORBIDDEN;                // the service does not read this URI
        }
        if (e instanceof BadScanRequestException || e instanceof BadCatalogQueryException || e instanceof InvalidUriException) {
            return HttpStatus.BAD_REQUEST;              // no files or too many, a malformed catalog search or URI
        }
        if (e instanceof NotCataloguedException) {
            return HttpStatus.NOT_FOUND;                // the catalog has no entry for the URI
        }
        if (e instanceof AstroCloudException) {
            return e instanceof ObjectNotFoundException ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
        }
        if (e instanceof ErrorResponse refused) {
            return refused.getStatusCode();             // Spring refused the request
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}

package org.astrocloud.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Maps HTTP statuses and Netty failures to the exception tree, in one place. Public for the one use other
 * modules have: their own Reactor Netty requests (a listing's pages) fail as this module's reads do.
 *
 * <pre>{@code
 * client.get().uri(url).responseSingle(this::page).onErrorMap(e -> HttpErrors.translate(e, uri, -1));
 * }</pre>
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    /** The error for a status that is not data, a redirect or 416. */
    static AstroCloudException forStatus(int status, String retryAfter, URI uri, long offset) {
        String detail = "HTTP " + status;
        return switch (status) {
            case 404, 410 -> new ObjectNotFoundException(detail + ": no such object", uri, offset);
            case 401, 403 -> new ObjectAccessDeniedException(detail + ": access denied (is a token or header needed?)", uri, offset);
            case 412 -> new ObjectChangedException(detail + " Precondition Failed: the object is no longer the version"
                    + " this read is pinned to (If-Match)", uri, offset);
            case 408, 429, 500, 502, 503, 504 -> new TransientSourceException(detail, uri, offset, null,
                    parseRetryAfter(retryAfter));
            default -> new PermanentSourceException(detail + ": unexpected answer to a range request", uri, offset);
        };
    }

    /** The error of a read whose clients were closed ({@code ByteRangeSources.close()}); not retried. */
    static PermanentSourceException closed(URI uri, long offset, Throwable cause) {
        return new PermanentSourceException("the HTTP clients of this source were closed (ByteRangeSources.close());"
                + " open the URI again to read it with new ones", uri, offset, cause);
    }

    /**
     * Translates a failure of an exchange with {@code uri} (at {@code offset}, -1 for none): refused or reset
     * connections and time-outs are transient, unknown hosts, TLS and malformed answers permanent; our own
     * exceptions pass unchanged.
     */
    public static Throwable translate(Throwable e, URI uri, long offset) {
        if (e instanceof AstroCloudException) {
            return e;
        }
        if (e instanceof UnknownHostException) {
            return new PermanentSourceException("unknown host", uri, offset, e);
        }
        if (e instanceof SSLException) {
            return new PermanentSourceException("TLS failure: " + e.getMessage(), uri, offset, e);
        }
        if (e instanceof PrematureCloseException || e instanceof AbortedException) {
            return new TransientSourceException("the connection closed before the answer was complete", uri, offset, e);
        }
        if (e instanceof ReadTimeoutException) {
            return new TransientSourceException("no data from the server within the read time-out", uri, offset, e);
        }
        if (e instanceof TimeoutException) {
            return new TransientSourceException("the request did not complete within the request time-out", uri, offset, e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new TransientSourceException("could not connect within the connect time-out", uri, offset, e);
        }
        if (e instanceof TooLongFrameException) {
            return new PermanentSourceException("the server's answer has a header or line longer than the client accepts ("
                    + e.getClass().getSimpleName() + ")", uri, offset, e);
        }
        if (e instanceof DecoderException) {
            return new PermanentSourceException("the server's answer is not valid HTTP: "
                    + (e.getCause() != null ? e.getCause() : e), uri, offset, e);
        }
        if (e instanceof IOException) {
            return new TransientSourceException("connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), uri, offset, e);
        }
        // what is left is no answer of a server nor a network failure: a bug of ours or of a library; not retried
        return new PermanentSourceException("unexpected failure (please report it): " + e, uri, offset, e);
    }

    /** Parses {@code Retry-After}: delta seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            Instant date = HttpDates.parse(v);
            if (date == null) {
                return null;
            }
            Duration d = Duration.between(Instant.now(), date);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}

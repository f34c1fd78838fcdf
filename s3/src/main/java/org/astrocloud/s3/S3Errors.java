package org.astrocloud.s3;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps AWS SDK failures to the exception tree, in one place; the cause is kept. */
final class S3Errors {
    private S3Errors() {
    }

    /** Whether {@code e} is S3's answer to a range that starts past the end of the object. */
    static boolean isInvalidRange(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof S3Exception s3 && (s3.statusCode() == 416
                || "InvalidRange".equals(s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode()));
    }

    /**
     * {@code e} as the caller sees it once the clients that failed may have been closed: when they
     * were, anything but a permanent verdict of ours is {@link #closed} (and so not retried).
     */
    static Throwable ifClosed(boolean closed, Throwable e, URI uri, long offset) {
        if (closed && !(e instanceof AstroCloudException a && !a.isTransient())) {
            return new PermanentSourceException("the S3 clients of this source were closed (ByteRangeSources.close());"
                    + " open the URI again to read it with new ones", uri, offset, e);
        }
        return e;
    }

    static Throwable translate(Throwable e, URI uri, long offset, boolean anonymous, boolean requesterPays) {
        Throwable t = unwrap(e);
        // the response transformer's own verdicts reach us wrapped by the SDK (SdkClientException)
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AstroCloudException) {
                return c;
            }
        }
        if (t instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String detail = "S3 " + s3.statusCode() + (code == null ? "" : " " + code);
            int status = s3.statusCode();
            if (status == 404) {
                return new ObjectNotFoundException(detail + ": no such " + ("NoSuchBucket".equals(code) ? "bucket" : "object"),
                        uri, offset, t);
            }
            if (status == 412 || "PreconditionFailed".equals(code)) {
                return new ObjectChangedException(detail + ": the object is no longer the version this read is pinned to"
                        + " (If-Match)", uri, offset, t);
            }
            if (status == 403 || status == 401) {
                String hint = anonymous
                        ? "the request was anonymous: the bucket may need credentials (AWS_PROFILE, environment, role)"
                        : requesterPays ? "check the credentials' permissions on this bucket"
                        : "if the bucket is requester-pays, enable S3Options.REQUESTER_PAYS (--requester-pays)";
                return new ObjectAccessDeniedException(detail + ": access denied; " + hint, uri, offset, t);
            }
            if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504 || "SlowDown".equals(code)
                    || "RequestTimeout".equals(code) || "InternalError".equals(code)) {
                return new TransientSourceException(detail, uri, offset, t);
            }
            if (status == 301 || "PermanentRedirect".equals(code)) {
                return new PermanentSourceException(detail + ": the bucket is in another region; set S3Options.REGION",
                        uri, offset, t);
            }
            return new PermanentSourceException(detail + ": unexpected answer", uri, offset, t);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new TransientSourceException("the request timed out", uri, offset, t);
        }
        if (t instanceof SdkClientException) {
            if (hasCause(t, UnknownHostException.class)) { // as over HTTP: a wrong endpoint or region, not retried
                return new PermanentSourceException("unknown host: " + firstLine(t.getMessage()), uri, offset, t);
            }
            if (hasCause(t, IOException.class) || String.valueOf(t.getMessage()).contains("Unable to execute HTTP request")
                    || String.valueOf(t.getMessage()).contains("connection was closed")
                    || String.valueOf(t.getMessage()).contains("content-length")) {
                return new TransientSourceException("connection failed: " + firstLine(t.getMessage()), uri, offset, t);
            }
            if (String.valueOf(t.getMessage()).contains("credentials")) {
                return new ObjectAccessDeniedException("no usable AWS credentials: " + firstLine(t.getMessage()), uri, offset, t);
            }
            return new PermanentSourceException("S3 client failure: " + firstLine(t.getMessage()), uri, offset, t);
        }
        if (t instanceof IOException) {
            return new TransientSourceException("connection failed: " + t, uri, offset, t);
        }
        // what is left is no answer of S3 nor a network failure: a bug of ours or of the SDK; not retried
        return new PermanentSourceException("unexpected failure (please report it): " + t, uri, offset, t);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

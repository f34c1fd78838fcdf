package org.astrocloud.azure;

import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;

/**
 * Maps the SDK's failures of a listing to the exception tree, in one place; the cause is kept.
 * (Ranged GETs go through the http module, which maps their statuses the same way.)
 */
final class AzureErrors {
    private AzureErrors() {
    }

    static Throwable translate(Throwable e, URI uri, boolean anonymous) {
        if (e instanceof AstroCloudException) {
            return e;
        }
        if (e instanceof BlobStorageException b) {
            int status = b.getStatusCode();
            String code = b.getErrorCode() == null ? null : b.getErrorCode().toString();
            String detail = "Azure " + status + (code == null ? "" : " " + code);
            if (status == 404) {
                return new ObjectNotFoundException(detail + ": no such "
                        + ("ContainerNotFound".equals(code) ? "container" : "blob"), uri, -1, e);
            }
            if (status == 401 || status == 403) {
                return new ObjectAccessDeniedException(detail + ": access denied; " + (anonymous
                        ? "the request was anonymous: the container may need a SAS, a key or a token"
                        : "check the key, SAS or token and its permissions (listing needs 'l')"), uri, -1, e);
            }
            if (status == 408 || status == 429 || status >= 500 && status != 501 && status != 505) {
                return new TransientSourceException(detail, uri, -1, e);
            }
            return new PermanentSourceException(detail + ": unexpected answer", uri, -1, e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e.getCause() instanceof IOException) {
            return new TransientSourceException("connection failed: " + e, uri, -1, e);
        }
        return new PermanentSourceException("unexpected failure (please report it): " + e, uri, -1, e);
    }
}

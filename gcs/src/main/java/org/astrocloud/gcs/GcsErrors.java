package org.astrocloud.gcs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;

/**
 * Maps the JSON API's error answers to a listing to the exception tree, with the message of its error body
 * ({@code {"error": {"code": 404, "message": "..."}}}). Ranged reads go through the http module, which maps
 * their statuses the same way.
 */
final class GcsErrors {
    private GcsErrors() {
    }

    static AstroCloudException forStatus(int status, String body, String retryAfter, URI uri, boolean anonymous) {
        String detail = "GCS " + status + message(body).map(m -> " (" + m + ")").orElse("");
        return switch (status) {
            case 404 -> new ObjectNotFoundException(detail + ": no such bucket", uri, -1);
            case 401, 403 -> new ObjectAccessDeniedException(detail + ": access denied; " + (anonymous
                    ? "the request was anonymous: the bucket needs credentials (--gcs-credentials, GOOGLE_APPLICATION_CREDENTIALS)"
                    : "check the credentials' permissions on this bucket (storage.objects.list)"), uri, -1);
            case 408, 429, 500, 502, 503, 504 -> new TransientSourceException(detail, uri, -1, null, retryAfter(retryAfter));
            default -> new PermanentSourceException(detail + ": unexpected answer to a listing", uri, -1);
        };
    }

    private static java.util.Optional<String> message(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject() && root.getAsJsonObject().get("error") instanceof JsonObject error
                    && error.get("message") != null && error.get("message").isJsonPrimitive()) {
                return java.util.Optional.of(error.get("message").getAsString());
            }
        } catch (RuntimeException notJson) {
            // an HTML page from a proxy, or nothing: the status says enough
        }
        return java.util.Optional.empty();
    }

    private static Duration retryAfter(String value) {
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException date) {
            return null;
        }
    }
}

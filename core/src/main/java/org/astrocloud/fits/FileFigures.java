package org.astrocloud.fits;

import java.net.URI;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one file's scan cost and how it ended: the single set of figures that {@link ScanResult},
 * {@link ScanTotals} and every {@link ScanListener} are fed from.
 *
 * @param scheme the lower-case scheme of the URI read ({@code file}, {@code https}, {@code s3}), {@code none} without one
 * @param outcome {@link #OK}, {@link #CANCELLED}, or the simple name of the error's class
 * @param hdus headers emitted
 * @param requests requests the source sent for this scan
 * @param bytesRead bytes the source received for this scan
 * @param retries retries the source made for this scan
 * @param size the object's size, when the source learned it
 */
public record FileFigures(String scheme, String outcome, long hdus, long requests, long bytesRead, long retries,
                   OptionalLong size) {
    /** The outcome of a file walked to the end. */
    public static final String OK = "ok";
    /** The outcome of a scan cancelled before it ended. */
    public static final String CANCELLED = "cancelled";

    /** The outcome tag of {@code error}: its class's simple name (the full name for anonymous classes). */
    static String outcome(Throwable error) {
        String name = error.getClass().getSimpleName();
        return name.isEmpty() ? error.getClass().getName() : name;
    }

    /** The scheme tag of {@code uri}. */
    static String scheme(URI uri) {
        String scheme = uri.getScheme();
        return scheme == null ? "none" : scheme.toLowerCase(Locale.ROOT);
    }

    /** Whether the file was walked to the end. */
    public boolean isOk() {
        return OK.equals(outcome);
    }

    /** Whether the scan was cancelled before it ended. */
    public boolean isCancelled() {
        return CANCELLED.equals(outcome);
    }
}

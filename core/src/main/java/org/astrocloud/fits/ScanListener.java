package org.astrocloud.fits;

import java.time.Duration;

/**
 * Hears what a {@link FitsScanner} does besides what it emits: every range read a source makes,
 * and every file's figures when its scan ends. {@link ScanTotals} is one; the Micrometer adapter
 * ({@code org.astrocloud.fits.micrometer.MicrometerScanListener}, optional) is another; add yours
 * with {@link FitsScanner#listener}.
 *
 * <p>Called on whatever thread ends the read or the file, often an I/O thread: implementations
 * must be thread-safe, quick and must not block. An exception thrown by a listener is dropped
 * (logged by Reactor), never passed on to the scan.
 *
 * <pre>{@code
 * FitsScanner scanner = FitsScanner.create().listener(new ScanListener() {
 *     public void fileEnded(FileFigures file) {
 *         log.info("{} {}: {} requests", file.scheme(), file.outcome(), file.requests());
 *     }
 * });
 * }</pre>
 */
public interface ScanListener {

    /**
     * One range read (or one streamed body) of a {@code scheme} source ended with {@code outcome}
     * ({@link FileFigures#OK}, {@link FileFigures#CANCELLED} or the error's simple class name),
     * {@code elapsed} after it was subscribed to; retries within the read are part of it.
     */
    default void readEnded(String scheme, String outcome, Duration elapsed) {
    }

    /** One file's scan ended (completed, failed or was cancelled), with its figures. */
    default void fileEnded(FileFigures file) {
    }
}

package org.astrocloud.fits.internal.walk;

/**
 * What one walk needs from the scanner's configuration.
 *
 * @param readAhead bytes read at once when a header is not yet buffered
 * @param maxHeaderSize the largest header accepted
 */
public record WalkSettings(int readAhead, int maxHeaderSize) {
}

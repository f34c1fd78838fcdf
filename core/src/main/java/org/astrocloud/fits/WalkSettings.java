package org.astrocloud.fits;

/**
 * What one walk needs from the scanner's configuration.
 *
 * @param readAhead bytes read at once when a header is not yet buffered
 * @param maxHeaderSize the largest header accepted
 * @param transform applied to each header before it is emitted
 * @param compression {@code "gzip"} when walking a decompressed stream, else {@code null}
 */
record WalkSettings(int readAhead, int maxHeaderSize, HeaderTransform transform, String compression) {

    WalkSettings withCompression(String value) {
        return new WalkSettings(readAhead, maxHeaderSize, transform, value);
    }
}

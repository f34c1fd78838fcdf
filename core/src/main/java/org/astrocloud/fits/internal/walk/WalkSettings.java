package org.astrocloud.fits.internal.walk;

import java.util.Map;

/**
 * What one walk needs from the scanner's configuration.
 *
 * @param readAhead bytes read at once when a header is not yet buffered
 * @param maxHeaderSize the largest header accepted
 * @param plannedReads where a header is expected to start, how much to read there instead of the
 *     read-ahead (learned from a catalogued sibling: its headers' exact sizes); a plan that proves
 *     short only costs another read
 */
public record WalkSettings(int readAhead, int maxHeaderSize, Map<Long, Long> plannedReads) {

    /** Copies the plan. */
    public WalkSettings {
        plannedReads = Map.copyOf(plannedReads);
    }

    /** Settings without a plan. */
    public WalkSettings(int readAhead, int maxHeaderSize) {
        this(readAhead, maxHeaderSize, Map.of());
    }
}

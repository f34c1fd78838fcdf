package org.astrocloud.spark;

import org.astrocloud.fits.spi.ByteRangeSources;

/**
 * The source registry the readers of one executor JVM share: made by the first reader that opens,
 * closed (its connection pools, event loops and S3 clients released) by the last one that closes.
 * Consecutive tasks of a job thus keep their connections instead of opening new ones per task; a
 * registry's providers key their clients by the options, so readers of different queries can
 * share it. Each reader still cancels its own scan, which closes the sources it opened.
 */
final class SharedSources {
    private static ByteRangeSources current;
    private static int users;

    private SharedSources() {
    }

    /** The shared registry, made if no reader holds it; every call needs one {@link #release}. */
    static synchronized ByteRangeSources acquire() {
        if (users++ == 0) {
            current = ByteRangeSources.of(Listing.providers());
        }
        return current;
    }

    /** Gives the registry back; the last user closes it, waiting until it is released (a task thread may block). */
    static void release() {
        ByteRangeSources last = null;
        synchronized (SharedSources.class) {
            if (--users == 0) {
                last = current;
                current = null;
            }
        }
        if (last != null) {
            last.close();
        }
    }
}

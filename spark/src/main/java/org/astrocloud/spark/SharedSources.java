package org.astrocloud.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.astrocloud.fits.spi.ByteRangeSources;

/**
 * The source registry the readers of one executor JVM share, so that consecutive tasks keep their
 * connection pools (and TLS sessions), event loops and S3 clients instead of making new ones per
 * task: made by the first reader that opens; when the last reader closes, it is released
 * {@link #LINGER_MS} later unless another reader takes it first (the next task of the job,
 * typically). With {@code -Dastrocloud.spark.sourceLingerMs=0} the last reader's {@code close()}
 * releases it at once, waiting until it is done. A registry's providers key their clients by the
 * options, so readers of different queries share it safely; the tasks of one executor share one
 * HTTP connection pool per host and settings, so {@code http.maxConnectionsPerHost} is a limit per
 * executor. Each reader still cancels its own scan, which closes the sources it opened.
 */
final class SharedSources {
    /** How long an unused registry is kept for the next task. */
    static final long LINGER_MS = Long.getLong("astrocloud.spark.sourceLingerMs", 2000);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "astro-cloud-spark-sources");
        t.setDaemon(true);
        return t;
    });
    private static ByteRangeSources current;
    private static int users;
    private static long generation;

    private SharedSources() {
    }

    /** The shared registry, made if there is none; every call needs one {@link #release}. */
    static synchronized ByteRangeSources acquire() {
        users++;
        generation++;
        if (current == null) {
            current = ByteRangeSources.of(Listing.providers());
        }
        return current;
    }

    /** Gives the registry back; once no reader holds it for {@link #LINGER_MS}, it is closed on a timer thread. */
    static void release() {
        long mine;
        synchronized (SharedSources.class) {
            if (--users > 0) {
                return;
            }
            mine = generation;
        }
        if (LINGER_MS <= 0) {
            closeIfUnused(mine);   // on the task thread, which may block
        } else {
            TIMER.schedule(() -> closeIfUnused(mine), LINGER_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static void closeIfUnused(long seen) {
        ByteRangeSources idle;
        synchronized (SharedSources.class) {
            if (users > 0 || generation != seen || current == null) {
                return;
            }
            idle = current;
            current = null;
        }
        idle.close();   // a task thread or our timer thread, never a Reactor one: it may block
    }
}

package org.astrocloud.fits.spi;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what a {@link ByteRangeSource} actually did: requests sent, bytes received and
 * retries. Sources update them as they work; readers take the values at any time. Thread-safe.
 */
public final class ReadStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retries = new LongAdder();

    /** Records one request that received {@code bytesReceived} bytes. */
    public void recordRequest(long bytesReceived) {
        requests.increment();
        bytes.add(bytesReceived);
    }

    /** Records bytes received without a new request (for example a streamed body). */
    public void recordBytes(long bytesReceived) {
        bytes.add(bytesReceived);
    }

    /** Records one retry of a failed request. */
    public void recordRetry() {
        retries.increment();
    }

    /** Requests sent so far. */
    public long requests() {
        return requests.sum();
    }

    /** Bytes received so far, bodies only. */
    public long bytesRead() {
        return bytes.sum();
    }

    /** Retries so far. */
    public long retries() {
        return retries.sum();
    }

    @Override
    public String toString() {
        return "ReadStats[requests=" + requests() + ", bytesRead=" + bytesRead() + ", retries=" + retries() + "]";
    }
}

package org.astrocloud.fits;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the files a {@link FitsScanner} has scanned: files by outcome, HDUs,
 * requests, bytes, retries and the sizes of the objects described. Needs nothing but core (no
 * Micrometer), for summaries such as the command line's last line.
 *
 * <p>The scanner adds one file's figures when that file's scan ends (completes, fails or is
 * cancelled), on whatever thread ends it, without blocking. These are the same per-file figures
 * that every {@link ScanListener} hears and that {@link ScanResult} reports, so a
 * summary built from these totals, from the metrics or by adding up results agrees. Thread-safe;
 * each figure is summed on its own, so while scans run two figures may be a file apart, and
 * once they have ended every figure is exact. One instance may be shared by several scanners.
 *
 * <pre>{@code
 * ScanTotals totals = new ScanTotals();
 * FitsScanner.create().listener(totals)
 *         .scanAll(uris)
 *         .doOnComplete(() -> log.info("{} files ({} failed), {} HDUs, {} bytes read in {} requests",
 *                 totals.files(), totals.filesFailed(), totals.hdus(), totals.bytesRead(), totals.requests()))
 *         .subscribe();
 * }</pre>
 */
public final class ScanTotals implements ScanListener {
    private final LongAdder filesOk = new LongAdder();
    private final LongAdder filesFailed = new LongAdder();
    private final LongAdder filesCancelled = new LongAdder();
    private final LongAdder hdus = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder objectBytes = new LongAdder();

    /** Totals at zero. */
    public ScanTotals() {
    }

    /** Adds one file's figures. */
    @Override
    public void fileEnded(FileFigures file) {
        if (file.isOk()) {
            filesOk.increment();
        } else if (file.isCancelled()) {
            filesCancelled.increment();
        } else {
            filesFailed.increment();
        }
        hdus.add(file.hdus());
        requests.add(file.requests());
        bytesRead.add(file.bytesRead());
        retries.add(file.retries());
        objectBytes.add(file.size().orElse(0));
    }

    /** Files whose scan ended: {@link #filesOk()} + {@link #filesFailed()} + {@link #filesCancelled()}. */
    public long files() {
        return filesOk() + filesFailed() + filesCancelled();
    }

    /** Files walked to the end without an error. */
    public long filesOk() {
        return filesOk.sum();
    }

    /** Files whose scan failed (a result with an error, or a stream that signalled one). */
    public long filesFailed() {
        return filesFailed.sum();
    }

    /** Files whose scan was cancelled before it ended. */
    public long filesCancelled() {
        return filesCancelled.sum();
    }

    /** Headers emitted, those before a failure included. */
    public long hdus() {
        return hdus.sum();
    }

    /** Requests the sources sent ({@link org.astrocloud.fits.spi.ReadStats#requests()}). */
    public long requests() {
        return requests.sum();
    }

    /** Body bytes the sources received. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Retries the sources made. */
    public long retries() {
        return retries.sum();
    }

    /** The sum of the sizes of the objects scanned, of those whose size the source learned. */
    public long objectBytes() {
        return objectBytes.sum();
    }

    @Override
    public String toString() {
        return "ScanTotals[filesOk=" + filesOk() + ", filesFailed=" + filesFailed() + ", filesCancelled="
                + filesCancelled() + ", hdus=" + hdus() + ", requests=" + requests() + ", bytesRead=" + bytesRead()
                + ", retries=" + retries() + ", objectBytes=" + objectBytes() + "]";
    }
}

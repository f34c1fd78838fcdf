package org.astrocloud.fits;

import org.astrocloud.fits.internal.walk.WalkReport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Flux;

/**
 * One file's scan as the scanner accounts for it: the source, the headers counted, what the
 * walk learned, and the {@link FileFigures} taken once when the scan ends and handed to the
 * scanner's {@link ScanListener}s. The source's {@link ReadStats} are counted from when it is attached, so a
 * caller's source that was read before counts only this scan's reads.
 */
final class FileTally {
    private final Listeners listeners;
    private final String scheme;
    private final WalkReport report = new WalkReport();
    private final AtomicLong hdus = new AtomicLong();
    private final AtomicReference<FileFigures> ended = new AtomicReference<>();
    private volatile Attached attached;

    private record Attached(ByteRangeSource source, long requests, long bytesRead, long retries) {
    }

    FileTally(Listeners listeners, URI uri) {
        this.listeners = listeners;
        this.scheme = FileFigures.scheme(uri);
    }

    /** Starts counting {@code source}'s reads from here; returns it instrumented for the listeners. */
    ByteRangeSource attach(ByteRangeSource source) {
        ReadStats stats = source.stats();
        attached = new Attached(source, stats.requests(), stats.bytesRead(), stats.retries());
        return listeners.instrument(source, scheme);
    }

    WalkReport report() {
        return report;
    }

    /** {@code headers}, counted, with the file's figures recorded once when it terminates or is cancelled. */
    Flux<FitsHeader> track(Flux<FitsHeader> headers) {
        return headers.doOnNext(h -> hdus.incrementAndGet())
                .doOnComplete(() -> end(FileFigures.OK))
                .doOnError(e -> end(FileFigures.outcome(e)))
                .doOnCancel(() -> end(FileFigures.CANCELLED));
    }

    /** The result for {@code uri}, with the figures recorded at the end of the scan. */
    ScanResult result(URI uri, URI resolved, List<FitsHeader> headers, Throwable error, long startNanos) {
        FileFigures figures = figures(error == null ? FileFigures.OK : FileFigures.outcome(error));
        return new ScanResult(uri, resolved, headers, Optional.ofNullable(error), figures.requests(),
                figures.bytesRead(), figures.retries(), figures.size(),
                error == null ? report.trailingBytes() : OptionalLong.empty(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private void end(String outcome) {
        FileFigures figures = now(outcome);
        if (ended.compareAndSet(null, figures)) {
            listeners.fileEnded(figures);
        }
    }

    /** The figures recorded at the end, or, before it, those of this moment. */
    private FileFigures figures(String outcome) {
        FileFigures figures = ended.get(); // non-blocking: an AtomicReference
        return figures != null ? figures : now(outcome);
    }

    private FileFigures now(String outcome) {
        Attached a = attached;
        if (a == null) {
            return new FileFigures(scheme, outcome, hdus.get(), 0, 0, 0, report.size());
        }
        ReadStats stats = a.source().stats();
        return new FileFigures(scheme, outcome, hdus.get(), stats.requests() - a.requests(),
                stats.bytesRead() - a.bytesRead(), stats.retries() - a.retries(), report.size());
    }
}

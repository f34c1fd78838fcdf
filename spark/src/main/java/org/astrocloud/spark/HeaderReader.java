package org.astrocloud.spark;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRangeSources;
import reactor.core.publisher.Flux;

/**
 * Reads one {@link FilesPartition}: scans its files with {@link org.astrocloud.fits.FitsScanner#scanAll}
 * ({@code concurrency} at once) and hands Spark their rows one at a time. The scan's results pass
 * through a bounded blocking buffer of {@code prefetch} results ({@code Flux.toStream(prefetch)}):
 * files are requested only as Spark pulls rows. {@link #next()} blocks while it waits for a
 * result, which is allowed here: Spark calls it on a task thread, never on a Reactor or Netty
 * thread. {@link #close()} (end of task, or a killed task) cancels the scan in flight, which closes
 * the sources it opened, and gives back the executor's {@link SharedSources}: the last reader to
 * close releases its connection pools, event loops and S3 clients, after a short linger for the next task.
 */
final class HeaderReader implements PartitionReader<InternalRow> {
    private final Stream<ScanResult> stream;
    private final Iterator<ScanResult> results;
    private final ArrayDeque<FilesPartition.Entry> unlisted = new ArrayDeque<>();
    private final Conditions conditions;
    private final RowBuilder rows;
    private InternalRow row;
    private ScanResult current;
    private RowBuilder.File file;
    private int nextHdu;
    private boolean errorRowDone;
    private long scanned;
    private long failed;
    private long requests;
    private long bytes;
    private boolean closed;

    HeaderReader(FilesPartition partition, ScanOptions options, Conditions conditions, List<Column> columns) {
        this.conditions = conditions;
        this.rows = new RowBuilder(columns);
        ByteRangeSources sources = SharedSources.acquire();
        List<URI> uris = partition.entries().stream().filter(e -> {
            if (e.failed()) {
                unlisted.add(e);
            }
            return !e.failed();
        }).map(e -> URI.create(e.uri())).toList();
        try {
            org.astrocloud.fits.FitsScanner scanner = options.scanner(sources);
            this.stream = uris.isEmpty() ? Stream.empty()
                    : scanner.scanAll(Flux.fromIterable(uris)).toStream(Math.max(1, scanner.settings().concurrency()));
            this.results = stream.iterator();
        } catch (RuntimeException e) {
            SharedSources.release();
            throw e;
        }
    }

    @Override
    public boolean next() {
        while (true) {
            if (current != null) {
                InternalRow r = nextRowOfCurrent();
                if (r != null) {
                    row = r;
                    return true;
                }
                current = null;
            }
            if (!unlisted.isEmpty()) {
                FilesPartition.Entry e = unlisted.poll();
                failed++;
                if (conditions.acceptsHdu(null)) {
                    row = rows.row(new RowBuilder.File(UTF8String.fromString(Redaction.redact(URI.create(e.uri()))), null, null,
                            RowBuilder.error(e.errorClass(), e.errorMessage())), null);
                    return true;
                }
                continue;
            }
            if (!results.hasNext()) {
                return false;
            }
            current = results.next();
            file = RowBuilder.file(current);
            nextHdu = 0;
            errorRowDone = false;
            scanned++;
            requests += current.requests();
            bytes += current.bytesRead();
            if (!current.isOk()) {
                failed++;
            }
        }
    }

    /** The next row of {@link #current} that passes the conditions, or null when it has no more. */
    private InternalRow nextRowOfCurrent() {
        List<FitsHeader> headers = current.headers();
        while (nextHdu < headers.size()) {
            FitsHeader h = headers.get(nextHdu++);
            if (conditions.acceptsHdu(h)) {
                return rows.row(file, h);
            }
        }
        if (!current.isOk() && !errorRowDone) {
            errorRowDone = true;
            if (conditions.acceptsHdu(null)) {
                return rows.row(file, null);
            }
        }
        return null;
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return new CustomTaskMetric[] {
            new FitsHeadersMetrics.TaskValue(FitsHeadersMetrics.CardsBuilt.NAME, rows.cardsBuilt()),
            new FitsHeadersMetrics.TaskValue(FitsHeadersMetrics.FilesScanned.NAME, scanned),
            new FitsHeadersMetrics.TaskValue(FitsHeadersMetrics.FilesFailed.NAME, failed),
            new FitsHeadersMetrics.TaskValue(FitsHeadersMetrics.Requests.NAME, requests),
            new FitsHeadersMetrics.TaskValue(FitsHeadersMetrics.BytesRead.NAME, bytes)
        };
    }

    /**
     * Cancels the scan (which closes the sources it opened) and gives back the shared registry
     * ({@link SharedSources}: released by the executor's last reader, after a linger). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();   // a killed task is interrupted; the release must still finish
        try {
            stream.close();
            SharedSources.release();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

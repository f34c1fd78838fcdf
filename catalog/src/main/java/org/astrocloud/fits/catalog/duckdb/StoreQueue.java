package org.astrocloud.fits.catalog.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.catalog.CatalogEntry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Group commit: stores that arrive while a batch is being written wait and are written together in
 * the next transaction, so that a scan storing 64 files at once pays one commit per batch, not per
 * file. One drain runs at a time, on {@code scheduler}; each store completes when its batch is
 * committed, or fails with the batch's error after its entry alone was tried again.
 */
final class StoreQueue {
    /** Writes one batch in one transaction (blocking). */
    interface BatchWriter {
        void write(List<CatalogEntry> batch) throws Exception;
    }

    private record Pending(CatalogEntry entry, MonoSink<Void> sink) {
    }

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Scheduler scheduler;
    private final BatchWriter writer;
    private final int maxBatch;

    StoreQueue(Scheduler scheduler, int maxBatch, BatchWriter writer) {
        this.scheduler = scheduler;
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    Mono<Void> store(CatalogEntry entry) {
        return Mono.create(sink -> {
            queue.add(new Pending(entry, sink));
            if (wip.getAndIncrement() == 0) {
                scheduler.schedule(this::drain);
            }
        });
    }

    private void drain() {
        int missed = 1;
        do {
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while ((p = queue.poll()) != null) {
                batch.add(p);
                if (batch.size() == maxBatch) {
                    write(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void write(List<Pending> batch) {
        try {
            writer.write(batch.stream().map(Pending::entry).toList());
            batch.forEach(p -> p.sink().success());
        } catch (Exception batchFailed) {
            for (Pending p : batch) {   // one bad entry must not fail its neighbours
                try {
                    writer.write(List.of(p.entry()));
                    p.sink().success();
                } catch (Exception e) {
                    p.sink().error(e);
                }
            }
        }
    }
}

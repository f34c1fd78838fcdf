package org.astrocloud.fits.catalog.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Group calls: requests that arrive while a batch is being worked on wait and are handled together
 * in the next batch, so that a scan storing (or finding) 64 files at once pays one transaction (one
 * query) per batch, not per file. One drain runs at a time, on {@code scheduler}; each request
 * completes with its batch, or, when the batch fails, after it was tried again alone (one bad
 * request must not fail its neighbours).
 *
 * @param <T> a request
 * @param <R> its answer ({@code Void} for none)
 */
final class Batches<T, R> {
    /** Handles one batch (blocking): the answers in the requests' order, {@code null} for none. */
    interface Work<T, R> {
        List<R> handle(List<T> batch) throws Exception;
    }

    private record Pending<T, R>(T request, MonoSink<R> sink) {
    }

    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Scheduler scheduler;
    private final Work<T, R> work;
    private final int maxBatch;

    Batches(Scheduler scheduler, int maxBatch, Work<T, R> work) {
        this.scheduler = scheduler;
        this.maxBatch = maxBatch;
        this.work = work;
    }

    /** {@code request}'s answer, once its batch is handled; empty for a {@code null} answer. */
    Mono<R> submit(T request) {
        return Mono.create(sink -> {
            queue.add(new Pending<>(request, sink));
            if (wip.getAndIncrement() == 0) {
                scheduler.schedule(this::drain);
            }
        });
    }

    private void drain() {
        int missed = 1;
        do {
            List<Pending<T, R>> batch = new ArrayList<>();
            Pending<T, R> p;
            while ((p = queue.poll()) != null) {
                batch.add(p);
                if (batch.size() == maxBatch) {
                    handle(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                handle(batch);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void handle(List<Pending<T, R>> batch) {
        List<R> answers;
        try {
            answers = work.handle(batch.stream().map(Pending::request).toList());
        } catch (Exception batchFailed) {
            for (Pending<T, R> p : batch) {
                try {
                    answer(p, work.handle(List.of(p.request())).get(0));
                } catch (Exception e) {
                    p.sink().error(e);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), answers.get(i));
        }
    }

    private static <T, R> void answer(Pending<T, R> p, R answer) {
        if (answer == null) {
            p.sink().success();
        } else {
            p.sink().success(answer);
        }
    }
}

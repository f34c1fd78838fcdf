package org.astrocloud.fits;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.error.FitsFormatException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ObjectInfo;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One file's scan through a catalog: a fresh entry answers with no request; a stale one is checked
 * against the listing's ETag and size when the object came from a listing (no request of its own),
 * else revalidated by its source (one conditional request where the source can); an unchanged object
 * answers from the entry, a changed or unknown one is walked and stored. Entries of failed scans are
 * kept as a record of the outcome but never answer: such objects are walked again; so are objects
 * whose entry was derived from another object (an FFI's header from its cube's table), which holds
 * only part of the file. A walk reads
 * each header's exact size when a sibling (same directory, same name but for its digits) was walked
 * in this scan or is in the catalog ({@link ReadPlans}).
 */
final class CatalogScan {
    private final HeaderCatalog catalog;
    private final Duration ttl;
    /** Header read plans learned from walked or catalogued objects, by {@link HeaderCatalog#siblingKey}. */
    private final Map<String, Map<Long, Long>> plans = new ConcurrentHashMap<>();

    CatalogScan(HeaderCatalog catalog, Duration ttl) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the ttl must not be negative: " + ttl);
        }
        this.ttl = ttl;
    }

    /** What the scan needs of its scanner: walking a file, opening a source, rebuilding stored headers. */
    interface Walker {
        /**
         * Walks {@code uri}; the untransformed headers go to {@code originals}; {@code plan}: how much to
         * read where a header is expected.
         */
        Mono<ScanResult> walk(URI uri, List<FitsHeader> originals, Map<Long, Long> plan);

        ByteRangeSource open(URI resolved);

        FitsHeader transform(FitsHeader header);
    }

    /** The result for {@code uri}; {@code listed} is what a listing said of it, or null. Never signals an error. */
    Mono<ScanResult> scan(URI uri, URI resolved, ObjectInfo listed, Walker walker) {
        long start = System.nanoTime();
        return catalog.find(resolved)
                .onErrorResume(e -> Mono.empty())   // an unreadable entry: walk, and store it again
                .flatMap(entry -> answer(uri, resolved, listed, entry, walker, start))
                .switchIfEmpty(Mono.defer(() -> walkAndStore(uri, resolved, listed, walker)));
    }

    private Mono<ScanResult> answer(URI uri, URI resolved, ObjectInfo listed, CatalogEntry entry, Walker walker, long start) {
        if (!entry.isOk() || entry.derivedFrom() != null) {
            return Mono.empty();   // a failure is walked again; a derived entry (an FFI from its cube) is partial
        }
        Instant now = now();
        if (listed != null && (listed.validator() != null || listed.size() >= 0)) {
            if (!listed.sameVersionAs(entry.object())) {
                return Mono.empty();
            }
            CatalogEntry renewed = entry.revalidated(listed, now);
            return renew(renewed).then(Mono.fromSupplier(() ->
                    result(uri, resolved, renewed, ScanOrigin.REVALIDATED, 0, 0, walker, start)));
        }
        if (entry.isFresh(ttl, now)) {
            return Mono.fromSupplier(() -> result(uri, resolved, entry, ScanOrigin.CATALOG, 0, 0, walker, start));
        }
        return Mono.usingWhen(Mono.fromCallable(() -> walker.open(resolved)),
                        source -> source.revalidate(entry.object()).flatMap(check -> {
                            if (!check.unchanged()) {
                                return Mono.<ScanResult>empty();
                            }
                            CatalogEntry renewed = entry.revalidated(check.current(), now);
                            long requests = source.stats().requests();
                            long bytes = source.stats().bytesRead();
                            return renew(renewed).then(Mono.fromSupplier(() ->
                                    result(uri, resolved, renewed, ScanOrigin.REVALIDATED, requests, bytes, walker, start)));
                        }),
                        ByteRangeSource::close)
                .onErrorResume(e -> Mono.empty());   // the check failed (gone, denied, ...): the walk will say why
    }

    private Mono<ScanResult> walkAndStore(URI uri, URI resolved, ObjectInfo listed, Walker walker) {
        List<FitsHeader> originals = new ArrayList<>();
        String key = HeaderCatalog.siblingKey(resolved);
        return plan(resolved, key).flatMap(plan -> walker.walk(uri, originals, plan)).flatMap(result -> {
            Throwable error = result.error().orElse(null);
            if (error != null && !(error instanceof FitsFormatException)) {
                return Mono.just(result);   // not a fact about the object (network, deadline, access): nothing to keep
            }
            CatalogEntry entry = entry(resolved, listed, result, originals);
            if (entry.isOk()) {
                plans.put(key, ReadPlans.of(entry.headers()));
            }
            return keep(entry)
                    .thenReturn(result)
                    .onErrorResume(e -> Mono.just(failedToStore(result, e)));
        });
    }

    /** Stores {@code entry}, unless the catalog only answers. */
    private Mono<Void> keep(CatalogEntry entry) {
        return catalog.isReadOnly() ? Mono.empty() : catalog.store(entry);
    }

    /**
     * Records a revalidated entry, unless the catalog only answers. A failure to record it changes
     * nothing of the answer (the stored headers are the object's): the entry keeps its older scan time.
     */
    private Mono<Void> renew(CatalogEntry renewed) {
        return catalog.isReadOnly() ? Mono.empty() : catalog.renew(renewed).onErrorResume(e -> Mono.empty());
    }

    /** The read plan of a sibling of {@code resolved}: learned in this scan, else from a catalogued sibling, else none. */
    private Mono<Map<Long, Long>> plan(URI resolved, String key) {
        Map<Long, Long> known = plans.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        return catalog.sibling(resolved)
                .map(entry -> {
                    Map<Long, Long> learned = ReadPlans.of(entry.headers());
                    plans.putIfAbsent(key, learned);
                    return learned;
                })
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(Map.of());
    }

    private static CatalogEntry entry(URI resolved, ObjectInfo listed, ScanResult result, List<FitsHeader> originals) {
        List<StoredHeader> stored = new ArrayList<>(originals.size());
        String validator = null;
        String compression = null;
        for (FitsHeader h : originals) {
            stored.add(h.toStored());
            validator = validator != null ? validator : h.validator().orElse(null);
            compression = compression != null ? compression : h.compression().orElse(null);
        }
        ObjectInfo object = new ObjectInfo(resolved, result.size().orElse(listed != null ? listed.size() : -1),
                validator != null ? validator : listed != null ? listed.validator() : null,
                listed != null ? listed.lastModified() : null);
        String error = result.error().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse(null);
        return new CatalogEntry(object, now(), stored, compression, error, null);
    }

    /** The catalog's clock: the parallel scheduler's, as the scanner's deadlines use, so that tests can use virtual time. */
    private static Instant now() {
        return Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    }

    private static ScanResult result(URI uri, URI resolved, CatalogEntry entry, ScanOrigin origin, long requests,
                                     long bytes, Walker walker, long start) {
        List<FitsHeader> headers = new ArrayList<>(entry.headers().size());
        for (StoredHeader h : entry.headers()) {
            headers.add(walker.transform(FitsHeader.fromStored(resolved, h, entry.compression(), entry.object().validator())));
        }
        OptionalLong size = entry.object().knownSize();
        return new ScanResult(uri, resolved, headers, Optional.empty(), requests, bytes, 0, size, OptionalLong.empty(),
                Duration.ofNanos(System.nanoTime() - start), origin);
    }

    /** The walk's result, its error the catalog's failure to keep it. */
    private static ScanResult failedToStore(ScanResult r, Throwable e) {
        return new ScanResult(r.uri(), r.resolvedUri(), r.headers(), Optional.of(e), r.requests(), r.bytesRead(),
                r.retries(), r.size(), r.trailingBytes(), r.elapsed(), r.origin());
    }
}

package org.astrocloud.fits.catalog;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link HeaderCatalog} in memory: for tests, for one process's repeated scans, and as the
 * reference behaviour of persistent catalogs.
 *
 * <pre>{@code
 * HeaderCatalog catalog = InMemoryHeaderCatalog.create();
 * }</pre>
 */
public final class InMemoryHeaderCatalog implements HeaderCatalog {
    private final Map<URI, CatalogEntry> entries = new ConcurrentHashMap<>();

    private InMemoryHeaderCatalog() {
    }

    /** An empty catalog. */
    public static InMemoryHeaderCatalog create() {
        return new InMemoryHeaderCatalog();
    }

    @Override
    public Mono<CatalogEntry> find(URI uri) {
        return Mono.fromSupplier(() -> entries.get(uri));
    }

    @Override
    public Mono<Void> store(CatalogEntry entry) {
        return Mono.fromRunnable(() -> entries.put(entry.uri(), entry));
    }

    @Override
    public Flux<CatalogEntry> entries() {
        return Flux.defer(() -> Flux.fromIterable(entries.values()));
    }

    /** How many entries there are. */
    public int size() {
        return entries.size();
    }
}

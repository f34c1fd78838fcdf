package org.astrocloud.examples.cli;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A catalog that remembers which objects it had an entry for when the scan asked: so a walk tells a new object from a changed one. */
final class KnownEntries implements HeaderCatalog {
    private final HeaderCatalog catalog;
    private final Set<URI> found = ConcurrentHashMap.newKeySet();

    KnownEntries(HeaderCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the catalog had an entry for {@code uri} when the scan looked. */
    boolean had(URI uri) {
        return found.contains(uri);
    }

    @Override
    public Mono<CatalogEntry> find(URI uri) {
        return catalog.find(uri).doOnNext(e -> found.add(uri));
    }

    @Override
    public Mono<Void> store(CatalogEntry entry) {
        return catalog.store(entry);
    }

    @Override
    public Flux<CatalogEntry> entries() {
        return catalog.entries();
    }

    @Override
    public Mono<CatalogEntry> sibling(URI uri) {
        return catalog.sibling(uri);
    }

    @Override
    public Mono<Void> close() {
        return catalog.close();
    }
}

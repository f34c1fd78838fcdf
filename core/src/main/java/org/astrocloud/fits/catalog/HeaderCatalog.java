package org.astrocloud.fits.catalog;

import java.net.URI;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A store of scanned headers, one {@link CatalogEntry} per object, in front of the sources: a scanner
 * with a catalog ({@code FitsScanner.catalog(catalog, ttl)}) answers fresh entries with no request,
 * revalidates stale ones and re-walks only changed objects. Implementations must not block the
 * calling thread (an embedded database runs its calls on a scheduler meant for blocking work) and
 * must be safe for concurrent use.
 *
 * <pre>{@code
 * HeaderCatalog catalog = InMemoryHeaderCatalog.create();
 * FitsScanner scanner = FitsScanner.create().catalog(catalog, Duration.ofDays(1));
 * scanner.scanAll(scanner.expand(prefix)).blockLast();   // walks every object
 * scanner.scanAll(scanner.expand(prefix)).blockLast();   // answers from the catalog: no request
 * }</pre>
 */
public interface HeaderCatalog {

    /** The entry for {@code uri}, or empty when the catalog has none. */
    Mono<CatalogEntry> find(URI uri);

    /** Stores {@code entry}, replacing the one for the same URI. */
    Mono<Void> store(CatalogEntry entry);

    /** Every entry, in no particular order. */
    Flux<CatalogEntry> entries();

    /** Releases what the catalog holds (a database connection). Idempotent. */
    default Mono<Void> close() {
        return Mono.empty();
    }
}

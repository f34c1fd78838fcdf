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

    /**
     * Stores {@code entry}, replacing the one for the same URI. A {@linkplain #isReadOnly() read-only}
     * catalog fails with {@link UnsupportedOperationException}.
     */
    Mono<Void> store(CatalogEntry entry);

    /**
     * Records that an entry's object was found unchanged: {@code renewed} is an entry of this
     * catalog {@linkplain CatalogEntry#revalidated revalidated}, its headers those stored, a new scan
     * time and what the object now says of itself (size, ETag, modification time). The default
     * stores it again; a database should update the object's row alone (a revalidation of an
     * unchanged prefix then rewrites no header).
     */
    default Mono<Void> renew(CatalogEntry renewed) {
        return store(renewed);
    }

    /**
     * Whether this catalog only answers: a scanner through it ({@code FitsScanner.catalog}) uses its
     * entries as any other but stores nothing, neither new walks nor revalidations (a catalog that
     * {@code fits-scan index} builds and many services read, say). False by default.
     */
    default boolean isReadOnly() {
        return false;
    }

    /** Every entry, in no particular order. */
    Flux<CatalogEntry> entries();

    /**
     * A catalogued, successfully scanned object that is a sibling of {@code uri} (same scheme, host and
     * directory, the same name but for its digits), whose headers' sizes a walk of {@code uri} can
     * read exactly; empty when there is none. The default looks through {@link #entries}; a database
     * should answer with a query.
     */
    default Mono<CatalogEntry> sibling(URI uri) {
        String key = siblingKey(uri);
        return entries().filter(e -> e.isOk() && e.derivedFrom() == null && !e.uri().equals(uri)
                && siblingKey(e.uri()).equals(key)).next();
    }

    /** The key siblings share: the directory and the name with every digit as {@code #}. */
    static String siblingKey(URI uri) {
        String path = uri.getPath() == null ? uri.getSchemeSpecificPart() : uri.getPath();
        int slash = path.lastIndexOf('/');
        return uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority())
                + path.substring(0, slash + 1) + path.substring(slash + 1).replaceAll("[0-9]", "#");
    }

    /** Releases what the catalog holds (a database connection). Idempotent. */
    default Mono<Void> close() {
        return Mono.empty();
    }
}

package org.astrocloud.fits.catalog.duckdb;

/**
 * The catalog's database failed: it could not be opened (locked by another process, unreadable) or
 * a statement failed. The DuckDB error is the cause.
 *
 * <pre>{@code
 * catalog.find(uri).onErrorResume(CatalogAccessException.class, e -> Mono.empty());
 * }</pre>
 */
public final class CatalogAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CatalogAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}

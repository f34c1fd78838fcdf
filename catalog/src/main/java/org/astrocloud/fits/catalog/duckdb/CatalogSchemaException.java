package org.astrocloud.fits.catalog.duckdb;

/**
 * A DuckDB file this library cannot use as a catalog: written by a newer version of the library
 * (its {@code schema_version} is above {@link #supportedVersion()}), not a catalog at all, or older
 * and opened read-only (only a writable open migrates).
 *
 * <pre>{@code
 * try {
 *     DuckDbHeaderCatalog.open(Path.of("headers.duckdb"));
 * } catch (CatalogSchemaException e) {
 *     log.error("{} (version {}, this library reads {})", e.getMessage(), e.foundVersion(), e.supportedVersion());
 * }
 * }</pre>
 */
public final class CatalogSchemaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int foundVersion;

    CatalogSchemaException(String message, int foundVersion) {
        super(message);
        this.foundVersion = foundVersion;
    }

    /** The version the file records, or -1 when it has none (not a catalog). */
    public int foundVersion() {
        return foundVersion;
    }

    /** The newest schema version this library reads and writes. */
    public int supportedVersion() {
        return Schema.CURRENT;
    }
}

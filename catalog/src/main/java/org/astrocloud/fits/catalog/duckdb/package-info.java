/**
 * A {@link org.astrocloud.fits.catalog.HeaderCatalog} in one DuckDB file
 * ({@link org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog}), SQL over it and Parquet export
 * ({@link org.astrocloud.fits.catalog.duckdb.CatalogQuery}).
 */
package org.astrocloud.fits.catalog.duckdb;

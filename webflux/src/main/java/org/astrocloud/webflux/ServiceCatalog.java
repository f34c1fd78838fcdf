package org.astrocloud.webflux;

import java.time.Duration;
import org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog;

/**
 * The header catalog the service answers from ({@code astro-cloud.catalog}), open for the service's
 * life and closed, after the web server has stopped, when the context closes.
 */
public final class ServiceCatalog implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final DuckDbHeaderCatalog catalog;
    private final Duration ttl;
    private final int maxRows;

    /** Opens {@code settings.file()}, read only when the settings say so. Blocking: at start-up. */
    ServiceCatalog(AstroCloudProperties.Catalog settings) {
        if (settings.maxRows() < 1) {
            throw new IllegalArgumentException("astro-cloud.catalog.max-rows must be at least 1: " + settings.maxRows());
        }
        if (settings.ttl().isNegative()) {
            throw new IllegalArgumentException("astro-cloud.catalog.ttl must not be negative: " + settings.ttl());
        }
        this.catalog = settings.readOnly() ? DuckDbHeaderCatalog.openReadOnly(settings.file())
                : DuckDbHeaderCatalog.open(settings.file());
        this.ttl = settings.ttl();
        this.maxRows = settings.maxRows();
    }

    /** The catalog. */
    public DuckDbHeaderCatalog catalog() {
        return catalog;
    }

    /** How long an entry answers without a request. */
    public Duration ttl() {
        return ttl;
    }

    /** The most rows one {@code GET /catalog/query} returns. */
    public int maxRows() {
        return maxRows;
    }

    /** Closes the catalog, waiting for the stores in flight. Blocking: on shutdown. */
    @Override
    public void close() {
        catalog.close().block(CLOSE_TIMEOUT);
    }
}

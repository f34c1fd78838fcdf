package org.astrocloud.webflux;

import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.s3.S3Options;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link FitsScanner} and the {@link UriAllowlist}, built from {@link AstroCloudProperties},
 * and the {@link ByteRangeSources} the scanner reads with, which Spring closes on shutdown.
 */
@Configuration(proxyBeanMethods = false)
public class ScannerConfiguration {

    /**
     * The installed sources. Closed when the context closes, after the web server has stopped:
     * their HTTP connection pools and event loops and their S3 clients are released then.
     */
    @Bean(destroyMethod = "close")
    public ByteRangeSources byteRangeSources() {
        return ByteRangeSources.installed();
    }

    /**
     * The catalog in {@code astro-cloud.catalog.file}, when set. Closed when the context closes,
     * after the web server has stopped (and before the sources, which it does not use).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("astro-cloud.catalog.file")
    public ServiceCatalog serviceCatalog(AstroCloudProperties properties) {
        return new ServiceCatalog(properties.catalog());
    }

    /**
     * One scanner for the whole service: immutable, and its HTTP and S3 clients are shared. With a
     * catalog, every scan goes through it.
     */
    @Bean
    public FitsScanner fitsScanner(AstroCloudProperties properties, ByteRangeSources sources,
                                   ObjectProvider<ServiceCatalog> catalog) {
        FitsScanner scanner = FitsScanner.create()
                .sources(sources)
                .concurrency(properties.concurrency())
                .readAhead(properties.readAhead())
                .option(HttpOptions.MAX_REDIRECTS, properties.maxRedirects())
                .option(S3Options.CREDENTIALS, properties.s3().credentials())
                .option(S3Options.TRANSPORT, properties.s3().transport());
        if (properties.s3().region() != null) {
            scanner = scanner.option(S3Options.REGION, properties.s3().region());
        }
        if (properties.s3().endpoint() != null) {
            scanner = scanner.option(S3Options.ENDPOINT, properties.s3().endpoint());
        }
        ServiceCatalog service = catalog.getIfAvailable();
        if (service != null) {
            scanner = scanner.catalog(service.catalog(), service.ttl());
        }
        return scanner;
    }

    /** The roots in {@code astro-cloud.allowed-roots}. */
    @Bean
    public UriAllowlist uriAllowlist(AstroCloudProperties properties) {
        return new UriAllowlist(properties.allowedRoots());
    }
}

package org.astrocloud.webflux;

import org.astrocloud.fits.FitsScanner;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.s3.S3Options;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link FitsScanner} and the {@link UriAllowlist}, built from {@link AstroCloudProperties}. */
@Configuration(proxyBeanMethods = false)
public class ScannerConfiguration {

    /** One scanner for the whole service: immutable, and its HTTP and S3 clients are shared. */
    @Bean
    public FitsScanner fitsScanner(AstroCloudProperties properties) {
        FitsScanner scanner = FitsScanner.create()
                .concurrency(properties.concurrency())
                .readAhead(properties.readAhead())
                .option(HttpOptions.MAX_REDIRECTS, properties.maxRedirects())
                .option(S3Options.CREDENTIALS, properties.s3().credentials());
        if (properties.s3().region() != null) {
            scanner = scanner.option(S3Options.REGION, properties.s3().region());
        }
        if (properties.s3().endpoint() != null) {
            scanner = scanner.option(S3Options.ENDPOINT, properties.s3().endpoint());
        }
        return scanner;
    }

    /** The roots in {@code astro-cloud.allowed-roots}. */
    @Bean
    public UriAllowlist uriAllowlist(AstroCloudProperties properties) {
        return new UriAllowlist(properties.allowedRoots());
    }
}

package org.astrocloud.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The example service: {@code java -jar webflux/target/astro-cloud-webflux.jar
 * --astro-cloud.allowed-roots=s3://stpubdata/tess/}.
 */
@SpringBootApplication
@EnableConfigurationProperties(AstroCloudProperties.class)
public class AstroCloudWebfluxApplication {

    /** Starts the service. */
    public static void main(String[] args) {
        SpringApplication.run(AstroCloudWebfluxApplication.class, args);
    }
}

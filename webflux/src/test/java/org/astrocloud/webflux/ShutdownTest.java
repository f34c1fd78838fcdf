package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.test.StepVerifier;

/**
 * Shutting the service down closes the sources' HTTP clients: a source opened while the service
 * ran fails with the "closed" error once the application context has closed. (The file server
 * cannot tell: Spring Boot also disposes Reactor Netty's global event loops at shutdown, which the
 * test server runs on; astro-cloud's HTTP source has loops of its own.)
 */
class ShutdownTest {
    private static final String CUBE = "tess-s0022-4-4-cube.fits";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ByteRange PRIMARY = ByteRange.of(0, 2880);

    @TempDir
    Path dir;

    @Test
    void closingTheContextShouldCloseTheSourcesHttpClients() {
        TessFiles.writeCube(dir.resolve(CUBE), 22, 4, 4, 1248);
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(AstroCloudWebfluxApplication.class)
                    .web(WebApplicationType.REACTIVE)
                    .run("--server.address=127.0.0.1", "--server.port=0", "--astro-cloud.allowed-roots=" + server.url(""));
            assertThat(context.getBean(FitsScanner.class).scanFile(URI.create(server.url(CUBE))).block(TIMEOUT).isOk())
                    .isTrue();
            ByteRangeSource source = context.getBean(ByteRangeSources.class)
                    .get(URI.create(server.url(CUBE)), SourceOptions.empty());
            assertThat(source.read(PRIMARY).block(TIMEOUT).length()).isEqualTo(2880);

            context.close();

            StepVerifier.create(source.read(PRIMARY))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PermanentSourceException.class)
                            .hasMessageContaining("were closed"))
                    .verify(TIMEOUT);
        }
    }
}

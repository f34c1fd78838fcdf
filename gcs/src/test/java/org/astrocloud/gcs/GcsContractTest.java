package org.astrocloud.gcs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.testservers.GcsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The source contract against our JSON API server, anonymous requests to a public bucket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsContractTest implements ByteRangeSourceContract {
    @TempDir
    static Path dir;
    private GcsServer server;
    private SourceOptions options;

    @BeforeAll
    void start() {
        server = GcsServer.builder(dir).start();
        options = SourceOptions.empty().with(GcsOptions.ENDPOINT, server.endpoint())
                .with(GcsOptions.CREDENTIALS, GcsCredentials.anonymous());
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        server.close();
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) throws Exception {
        Files.write(server.placeFile("contract", "dir/" + name), content);
        return ByteRangeSources.open(URI.create("gs://contract/dir/" + name), options);
    }
}

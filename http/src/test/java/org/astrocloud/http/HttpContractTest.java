package org.astrocloud.http;

import org.astrocloud.testservers.RangeFileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The source contract, against the in-test Reactor Netty range server. */
class HttpContractTest implements ByteRangeSourceContract {
    @TempDir
    static Path dir;
    static RangeFileServer server;

    @BeforeAll
    static void start() {
        server = RangeFileServer.serving(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
        return ByteRangeSources.open(URI.create(server.url(name)), SourceOptions.empty().with(SourceOptions.CONCURRENCY, 256));
    }
}

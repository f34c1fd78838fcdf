package org.astrocloud.s3;

import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The source contract against s3proxy without authentication, read with unsigned requests (a public bucket). */
class S3AnonymousContractTest implements ByteRangeSourceContract {
    private static final String BUCKET = "public";

    static S3ProxyServer server;
    static SourceOptions options;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.inMemory().anonymous().start();
        server.createBucket(BUCKET);
        options = SourceOptions.empty()
                .with(S3Options.ENDPOINT, server.endpoint())
                .with(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
    }

    @AfterAll
    static void stop() {
        S3ByteRangeSourceProvider.closeClients();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) {
        server.put(BUCKET, name, content);
        return ByteRangeSources.open(URI.create("s3://" + BUCKET + "/" + name), options);
    }
}

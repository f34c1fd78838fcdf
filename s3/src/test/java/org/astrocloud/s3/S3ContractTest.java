package org.astrocloud.s3;

import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The source contract against s3proxy with SigV4: objects uploaded through the helper's client,
 * read with keys from the AWS default chain (system properties).
 */
class S3ContractTest implements ByteRangeSourceContract {
    private static final String BUCKET = "contract";

    static S3ProxyServer server;
    static SourceOptions options;

    @BeforeAll
    static void start() {
        S3TestSupport.useServerKeys();
        server = S3ProxyServer.inMemory().start();
        server.createBucket(BUCKET);
        options = SourceOptions.empty()
                .with(S3Options.ENDPOINT, server.endpoint())
                .with(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN);
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

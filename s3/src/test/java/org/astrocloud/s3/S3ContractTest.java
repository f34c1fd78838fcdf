package org.astrocloud.s3;

import org.astrocloud.testservers.S3ProxyServer;
import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The source contract against s3proxy with SigV4: objects uploaded through the helper's client,
 * read with keys from the AWS default chain (system properties). {@link S3AnonymousContractTest}
 * runs the same contract without authentication, and the {@code S3Netty...} subclasses run both
 * over the Reactor Netty transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ContractTest implements ByteRangeSourceContract {
    private S3ProxyServer server;
    private SourceOptions options;

    /** The server to run against. */
    S3ProxyServer startServer() {
        S3TestSupport.useServerKeys();
        return S3ProxyServer.inMemory().start();
    }

    /** How the source signs. */
    S3Credentials credentials() {
        return S3Credentials.DEFAULT_CHAIN;
    }

    /** How the source sends its GETs. */
    S3Transport transport() {
        return S3Transport.SDK;
    }

    @BeforeAll
    void start() {
        server = startServer();
        server.createBucket("contract");
        options = SourceOptions.empty()
                .with(S3Options.ENDPOINT, server.endpoint())
                .with(S3Options.CREDENTIALS, credentials())
                .with(S3Options.TRANSPORT, transport());
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) {
        server.put("contract", name, content);
        return ByteRangeSources.open(URI.create("s3://contract/" + name), options);
    }
}

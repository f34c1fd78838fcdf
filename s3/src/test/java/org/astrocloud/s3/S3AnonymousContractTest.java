package org.astrocloud.s3;

import org.astrocloud.testservers.S3ProxyServer;

/** The source contract against s3proxy without authentication, read with unsigned requests (a public bucket). */
class S3AnonymousContractTest extends S3ContractTest {
    @Override
    S3ProxyServer startServer() {
        return S3ProxyServer.inMemory().anonymous().start();
    }

    @Override
    S3Credentials credentials() {
        return S3Credentials.ANONYMOUS;
    }
}

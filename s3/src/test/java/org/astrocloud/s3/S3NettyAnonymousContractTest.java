package org.astrocloud.s3;

/** The source contract against s3proxy without authentication, the unsigned GETs sent by the Reactor Netty transport. */
class S3NettyAnonymousContractTest extends S3AnonymousContractTest {
    @Override
    S3Transport transport() {
        return S3Transport.REACTOR_NETTY;
    }
}

package org.astrocloud.s3;

/** The source contract against s3proxy with SigV4, the GETs sent by the Reactor Netty transport and signed by the SDK's signer. */
class S3NettyContractTest extends S3ContractTest {
    @Override
    S3Transport transport() {
        return S3Transport.REACTOR_NETTY;
    }
}

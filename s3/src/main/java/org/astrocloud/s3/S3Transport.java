package org.astrocloud.s3;

/** How the S3 source sends its ranged GETs ({@link S3Options#TRANSPORT}); listing always goes through the SDK. */
public enum S3Transport {
    /**
     * The AWS SDK's {@code S3AsyncClient}: the SDK's own Netty client, its error codes in messages,
     * a bucket in another region found by the SDK. The default.
     */
    SDK,
    /**
     * The http module's Reactor Netty client, the one every {@code http(s)} read uses, each GET
     * signed with the SDK's SigV4 signer and credentials providers (unsigned when anonymous):
     * the same range rules, retries and error classes as HTTP, at HTTP's request rate. Without an
     * endpoint, the region comes from the URL, {@link S3Options#REGION} or the environment.
     */
    REACTOR_NETTY
}

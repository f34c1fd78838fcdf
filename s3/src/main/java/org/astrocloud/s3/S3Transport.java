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
     * the same range rules, retries and error classes as HTTP, at HTTP's request rate. Signed
     * for {@link S3Options#REGION} or the URL's region, else the one S3 names for the bucket
     * (asked once per bucket with an unsigned {@code HEAD}), else the environment's.
     */
    REACTOR_NETTY
}

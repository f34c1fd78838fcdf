package org.astrocloud.s3;

/** How the S3 source signs its requests. */
public enum S3Credentials {
    /**
     * The AWS default chain (environment, profiles, SSO, web identity, container and instance
     * roles); when it finds no credentials, requests go unsigned (anonymous), logged once.
     */
    AUTO,
    /** The AWS default chain; no credentials is an error. */
    DEFAULT_CHAIN,
    /** Unsigned requests, for public buckets such as {@code stpubdata}. */
    ANONYMOUS
}

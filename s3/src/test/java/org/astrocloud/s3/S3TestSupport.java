package org.astrocloud.s3;

import org.astrocloud.testservers.S3ProxyServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.fits.spi.SourceOptions;

/** What the S3 source tests share: static keys for the default chain, fast retries, bytes of an answer. */
final class S3TestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private S3TestSupport() {
    }

    /**
     * Gives the AWS default chain the keys of {@link S3ProxyServer} through system properties (the
     * first provider of the chain, read on every signing) and keeps the SDK off the instance
     * metadata service: nothing but 127.0.0.1 is ever contacted. Call before the first client of a
     * configuration is built.
     */
    static void useServerKeys() {
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    /**
     * The transport the S3 tests run with: {@code SDK}, or what the system property
     * {@code astrocloud.test.s3Transport} names (the build runs the suite once more with {@code REACTOR_NETTY}).
     */
    static S3Transport transport() {
        return S3Transport.valueOf(System.getProperty("astrocloud.test.s3Transport", "SDK"));
    }

    /**
     * Retries 10 ms apart (at most 50 ms), so that fault tests are quick, over {@link #transport()}, for
     * region {@code us-east-1}: the requests these tests count are the object's own (how the Reactor Netty
     * transport asks a bucket's region when none is given is {@link S3NettyTransportTest}'s).
     */
    static SourceOptions fastRetries() {
        return SourceOptions.empty()
                .with(S3Options.TRANSPORT, transport())
                .with(S3Options.REGION, "us-east-1")
                .with(RetryOptions.BACKOFF, Duration.ofMillis(10))
                .with(RetryOptions.MAX_BACKOFF, Duration.ofMillis(50));
    }

    static byte[] bytes(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}

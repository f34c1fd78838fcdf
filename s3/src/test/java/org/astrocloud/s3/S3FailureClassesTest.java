package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How failures the SDK reports without an answer from S3 are classed: a wrong host is permanent, a broken connection transient. */
class S3FailureClassesTest {
    private static final URI URI_ = URI.create("s3://bucket/key.fits");

    private static Throwable translated(Throwable sdk) {
        return S3Errors.translate(new CompletionException(sdk), URI_, 0, false, false);
    }

    @Test
    void unknownHostShouldBePermanentAsOverHttp() {
        Throwable e = translated(SdkClientException.builder().message("Received an UnknownHostException")
                .cause(new UnknownHostException("no-such-endpoint")).build());
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("unknown host"), e.getMessage());
    }

    @Test
    void brokenConnectionShouldBeTransient() {
        Throwable e = translated(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new IOException("Connection reset")).build());
        assertInstanceOf(TransientSourceException.class, e);
    }

    @Test
    void whatIsNeitherAnswerNorNetworkShouldSayItIsUnexpected() {
        Throwable e = translated(new IllegalStateException("a bug"));
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().startsWith("unexpected failure (please report it)"), e.getMessage());
        assertFalse(((PermanentSourceException) e).isTransient());
    }
}

package org.astrocloud.s3;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ReadStats;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What the receivers of a ranged GetObject answer share: the range asked for, the answer's
 * headers, and the future of what is made of it, failed with whatever the SDK reports before that.
 *
 * @param <T> what the answer is turned into
 */
abstract class AnswerTransformer<T> implements AsyncResponseTransformer<GetObjectResponse, T> {
    final ByteRange range;
    final URI uri;
    final ReadStats stats;
    volatile CompletableFuture<T> result;
    volatile GetObjectResponse response;

    AnswerTransformer(ByteRange range, URI uri, ReadStats stats) {
        this.range = range;
        this.uri = uri;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<T> prepare() {
        result = new CompletableFuture<>();
        return result;
    }

    @Override
    public void onResponse(GetObjectResponse answer) {
        response = answer;
    }

    /** Fails the result; false when it was already complete. */
    boolean fail(Throwable error) {
        CompletableFuture<T> f = result;
        return f != null && f.completeExceptionally(error);
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        fail(error);
    }
}

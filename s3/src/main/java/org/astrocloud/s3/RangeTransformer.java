package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.support.ContentRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Receives one ranged GetObject answer into exactly the bytes announced by its
 * {@code Content-Range}, with the same strictness as the HTTP source: only a 206 for the range we
 * asked is data; a whole-object answer is cancelled before its body is read.
 */
final class RangeTransformer implements AsyncResponseTransformer<GetObjectResponse, RangeBytes> {
    private final ByteRange range;
    private final URI uri;
    private final ReadStats stats;
    private volatile CompletableFuture<RangeBytes> result;
    private volatile GetObjectResponse response;

    RangeTransformer(ByteRange range, URI uri, ReadStats stats) {
        this.range = range;
        this.uri = uri;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<RangeBytes> prepare() {
        result = new CompletableFuture<>();
        return result;
    }

    @Override
    public void onResponse(GetObjectResponse answer) {
        response = answer;
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> body) {
        GetObjectResponse r = response;
        int status = r.sdkHttpResponse().statusCode();
        ContentRange cr = ContentRange.parse(r.contentRange()).orElse(null);
        if (status == 200 || cr == null) {
            body.subscribe(new Cancelling());
            result.completeExceptionally(new RangeNotSupportedException("the server ignores Range: it answered "
                    + status + " without a Content-Range to a request for bytes " + range.offset() + "-" + range.last()
                    + "; the transfer was cancelled", uri, range.offset()));
            return;
        }
        String problem = cr.isUnsatisfied() || cr.first() != range.offset()
                ? "asked for bytes " + range.offset() + "-" + range.last() + ", the server sent " + r.contentRange()
                : cr.length() > range.length() ? "the server sent more bytes than asked" : null;
        if (problem != null) {
            body.subscribe(new Cancelling());
            result.completeExceptionally(new PermanentSourceException(problem, uri, range.offset()));
            return;
        }
        body.subscribe(new Collector(ByteBuffer.allocate((int) cr.length()), cr));
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        CompletableFuture<RangeBytes> f = result;
        if (f != null) {
            f.completeExceptionally(error);
        }
    }

    private static final class Cancelling implements Subscriber<ByteBuffer> {
        @Override
        public void onSubscribe(Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(ByteBuffer item) {
            // cancelled: nothing more is wanted
        }

        @Override
        public void onError(Throwable t) {
            // the answer was already rejected
        }

        @Override
        public void onComplete() {
            // the answer was already rejected
        }
    }

    private final class Collector implements Subscriber<ByteBuffer> {
        private final ByteBuffer target;
        private final ContentRange contentRange;
        private Subscription subscription;

        Collector(ByteBuffer target, ContentRange contentRange) {
            this.target = target;
            this.contentRange = contentRange;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            int n = chunk.remaining();
            stats.recordBytes(n);
            if (n > target.remaining()) {
                subscription.cancel();
                result.completeExceptionally(new PermanentSourceException("the body is longer than announced", uri,
                        range.offset()));
                return;
            }
            target.put(chunk);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (target.hasRemaining()) {
                result.completeExceptionally(new TransientSourceException("the body ended after " + target.position()
                        + " of " + target.capacity() + " bytes", uri, range.offset(), null));
                return;
            }
            target.flip();
            result.complete(contentRange.objectSize().isPresent()
                    ? RangeBytes.of(range.offset(), target, contentRange.objectSize().getAsLong())
                    : RangeBytes.ofUnknownSize(range.offset(), target));
        }
    }
}

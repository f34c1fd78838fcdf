package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.RangeNotSupportedException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.support.ContentRange;
import org.astrocloud.fits.spi.support.RangeBody;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Receives one ranged GetObject answer into exactly the bytes announced by its
 * {@code Content-Range}, with the same strictness as the HTTP source: only a 206 for the range we
 * asked is data; a whole-object answer is cancelled before its body is read. The answer carries
 * the object's ETag. {@link #stream} holds a streamed body to the same rules.
 */
final class RangeTransformer extends AnswerTransformer<RangeBytes> {

    RangeTransformer(ByteRange range, URI uri, ReadStats stats) {
        super(range, uri, stats);
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> body) {
        GetObjectResponse r = response;
        ContentRange cr = ContentRange.parse(r.contentRange()).orElse(null);
        AstroCloudException rejected = rejection(r, cr, range, uri);
        if (rejected != null) {
            body.subscribe(new Cancelling());
            result.completeExceptionally(rejected);
            return;
        }
        body.subscribe(new Collector(ByteBuffer.allocate((int) cr.length()), cr, r.eTag()));
    }

    /**
     * The body of a streamed answer, held to the same rules as a read's: an answer that is not the
     * range asked for is cancelled before a byte of it is read; the rest moves only on demand. The
     * body ends when {@code failed} signals (the SDK reports a connection lost mid-body there, not
     * to the body's subscriber), so that a cut body is a short one.
     */
    static Flux<RangeBytes> stream(GetObjectResponse r, SdkPublisher<ByteBuffer> body, Mono<Throwable> failed,
                                   ByteRange range, URI uri, ReadStats stats) {
        ContentRange cr = ContentRange.parse(r.contentRange()).orElse(null);
        AstroCloudException rejected = rejection(r, cr, range, uri);
        if (rejected != null) {
            body.subscribe(new Cancelling());
            return Flux.error(rejected);
        }
        return RangeBody.of(Flux.from(body).takeUntilOther(failed).map(RangeTransformer::copy), cr, r.eTag(), stats, uri);
    }

    /** Why {@code r}, whose Content-Range is {@code cr}, is not the answer to a request for {@code range}; null when it is. */
    private static AstroCloudException rejection(GetObjectResponse r, ContentRange cr, ByteRange range, URI uri) {
        int status = r.sdkHttpResponse().statusCode();
        if (status == 200 || cr == null) {
            return new RangeNotSupportedException("the server ignores Range: it answered "
                    + status + " without a Content-Range to a request for bytes " + range.offset() + "-" + range.last()
                    + "; the transfer was cancelled", uri, range.offset());
        }
        String problem = cr.isUnsatisfied() || cr.first() != range.offset()
                ? "asked for bytes " + range.offset() + "-" + range.last() + ", the server sent " + r.contentRange()
                : cr.length() > range.length() ? "the server sent more bytes than asked" : null;
        return problem == null ? null : new PermanentSourceException(problem, uri, range.offset());
    }

    /** A copy the receiver owns, from position 0: the SDK does not promise that its buffers stay ours. */
    private static ByteBuffer copy(ByteBuffer chunk) {
        return ByteBuffer.allocate(chunk.remaining()).put(chunk).flip();
    }

    /** Cancels a body that is not wanted, so that the SDK closes its connection. */
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
        private final String validator;
        private Subscription subscription;

        Collector(ByteBuffer target, ContentRange contentRange, String validator) {
            this.target = target;
            this.contentRange = contentRange;
            this.validator = validator;
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
            result.complete(RangeBody.answer(range.offset(), target.flip(), contentRange.objectSize(), validator));
        }
    }
}

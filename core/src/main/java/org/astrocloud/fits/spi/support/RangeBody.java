package org.astrocloud.fits.spi.support;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of one accepted range answer as a stream of {@link RangeBytes}, for sources that
 * override {@link org.astrocloud.fits.spi.ByteRangeSource#stream(org.astrocloud.fits.spi.ByteRange)}
 * with one response body: every chunk becomes one answer at the next offset, counted in the
 * source's {@link ReadStats}; a body longer than its {@code Content-Range} is a
 * {@link PermanentSourceException}, one that ends early a {@link TransientSourceException} (so
 * that a retrying source resumes after the last byte delivered). The one place where a streamed
 * body is checked against what was announced. Chunks move only as the subscriber asks for them.
 *
 * <pre>{@code
 * RangeBody.of(chunks, ContentRange.parse("bytes 1000-65535/200000").get(), "\"etag\"", stats, uri);
 * }</pre>
 */
public final class RangeBody {
    private RangeBody() {
    }

    /**
     * The answers cut from {@code chunks}, the body of an answer for {@code announced}.
     *
     * @param chunks the body, each buffer owned by the receiver from position 0 to its limit
     * @param announced the range the answer said it holds, satisfied
     * @param validator the object's ETag, verbatim, or null when the answer had none
     * @param stats where the bytes received are counted
     * @param uri the object, for errors
     * @return the answers, at consecutive offsets from {@code announced.first()}; none empty
     */
    public static Flux<RangeBytes> of(Flux<ByteBuffer> chunks, ContentRange announced, String validator,
                                      ReadStats stats, URI uri) {
        return Flux.defer(() -> {
            long[] next = {announced.first()};
            long end = announced.first() + announced.length();
            return chunks.filter(ByteBuffer::hasRemaining)
                    .map(chunk -> {
                        int n = chunk.remaining();
                        stats.recordBytes(n);
                        if (n > end - next[0]) {
                            throw new PermanentSourceException("the body is longer than announced", uri, announced.first());
                        }
                        RangeBytes answer = answer(next[0], chunk, announced.objectSize(), validator);
                        next[0] += n;
                        return answer;
                    })
                    .concatWith(Mono.defer(() -> next[0] < end
                            ? Mono.error(new TransientSourceException("the body ended after " + (next[0] - announced.first())
                                    + " of " + announced.length() + " bytes", uri, next[0], null))
                            : Mono.empty()));
        });
    }

    /**
     * {@code bytes} at {@code offset}, with the object's size and validator when they are known: the
     * one place where an answer is built from what a response told.
     *
     * @param objectSize the object's size, empty when unknown
     * @param validator the object's ETag, verbatim, or null when unknown
     */
    public static RangeBytes answer(long offset, ByteBuffer bytes, OptionalLong objectSize, String validator) {
        RangeBytes r = objectSize.isPresent() ? RangeBytes.of(offset, bytes, objectSize.getAsLong())
                : RangeBytes.ofUnknownSize(offset, bytes);
        return validator == null ? r : r.withValidator(validator);
    }
}

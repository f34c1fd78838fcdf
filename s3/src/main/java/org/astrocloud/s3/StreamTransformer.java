package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import software.amazon.awssdk.core.async.SdkPublisher;

/**
 * Receives one ranged GetObject answer as a stream of its body ({@link RangeTransformer#stream}),
 * handed out as soon as the headers are in. A failure the SDK reports after that (a connection
 * lost mid-body) ends the body, which the stream then sees as short; the SDK's own
 * {@code toPublisher()} drops such a failure and leaves its subscriber waiting.
 */
final class StreamTransformer extends AnswerTransformer<Flux<RangeBytes>> {
    private final Sinks.One<Throwable> failed = Sinks.one();

    StreamTransformer(ByteRange range, URI uri, ReadStats stats) {
        super(range, uri, stats);
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> body) {
        result.complete(RangeTransformer.stream(response, body, failed.asMono(), range, uri, stats));
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        if (!fail(error)) {
            failed.tryEmitValue(error);
        }
    }
}

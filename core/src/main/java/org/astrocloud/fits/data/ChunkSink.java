package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import reactor.core.publisher.Mono;

/**
 * Where a download's bytes go when not to a file: each chunk in order, the next one only after the
 * {@code Mono} of the one before has completed (so a slow sink slows the transfer down, and memory
 * stays bounded). The sink must not block the thread it is called on: hand blocking writes to a
 * scheduler meant for them.
 *
 * <pre>{@code
 * WritableByteChannel stdout = Channels.newChannel(System.out);
 * ChunkSink sink = chunk -> Mono.fromCallable(() -> stdout.write(chunk)).subscribeOn(Schedulers.boundedElastic()).then();
 * downloads.get(uri).range(ByteRange.of(0, 2880)).writeTo(sink).block();
 * }</pre>
 */
@FunctionalInterface
public interface ChunkSink {
    /** Writes all of {@code chunk}'s remaining bytes; completes when they are written. */
    Mono<Void> write(ByteBuffer chunk);
}

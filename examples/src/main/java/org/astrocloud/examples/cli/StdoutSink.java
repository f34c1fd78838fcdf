package org.astrocloud.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.astrocloud.fits.data.ChunkSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code -o -}: each chunk written to standard output on the bounded elastic scheduler (writing to a pipe blocks). */
final class StdoutSink implements ChunkSink {
    private final OutputStream out;

    StdoutSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public Mono<Void> write(ByteBuffer chunk) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                if (chunk.hasArray()) {
                    out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                } else {
                    byte[] copy = new byte[chunk.remaining()];
                    chunk.get(copy);
                    out.write(copy);
                }
                chunk.position(chunk.limit());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Flushes what was written; on the caller's thread (the command's main thread). */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.astrocloud.fits.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a download to a file through an {@link AsynchronousFileChannel}: each chunk at the next
 * position, completing when the channel has taken all of it, so nothing blocks the thread that
 * delivered the bytes. Opening, forcing and closing (system calls that may wait on the disk) run on
 * the bounded elastic scheduler.
 */
final class FileSink implements ChunkSink {
    private final AsynchronousFileChannel channel;
    /** Only touched by one write at a time: the next write starts after the one before completed. */
    private volatile long position;

    private FileSink(AsynchronousFileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    /** Opens {@code file}, creating it, and cuts it to its first {@code keep} bytes, where writing goes on. */
    static Mono<FileSink> open(Path file, long keep) {
        return Mono.fromCallable(() -> {
            AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                channel.truncate(keep);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new FileSink(channel, keep);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> write(ByteBuffer chunk) {
        return Mono.create(sink -> writeRest(chunk, sink));
    }

    private void writeRest(ByteBuffer chunk, MonoSink<Void> sink) {
        channel.write(chunk, position, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer written, Void attachment) {
                position += written;
                if (chunk.hasRemaining()) {
                    writeRest(chunk, sink);
                } else {
                    sink.success();
                }
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                sink.error(error);
            }
        });
    }

    /** Forces what was written to the disk and closes the file. */
    Mono<Void> finish() {
        return Mono.<Void>fromCallable(() -> {
            try (channel) {
                channel.force(false);
            }
            return null;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Closes the file; harmless after {@link #finish()}. */
    Mono<Void> close() {
        return Mono.<Void>fromCallable(() -> {
            channel.close();
            return null;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}

package org.astrocloud.fits.source;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.Revalidation;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Reads a local file with an {@link AsynchronousFileChannel}. The file is opened (on a
 * bounded-elastic thread, since opening may block) on the first read and closed by
 * {@link #close()}; reads complete on the channel's own I/O threads. {@link #revalidate} reads the
 * file's size and modification time (on a bounded-elastic thread), not its bytes: no request.
 */
final class FileByteRangeSource implements ByteRangeSource {
    private final URI uri;
    private final Path path;
    private final ReadStats stats = new ReadStats();
    private final Mono<Opened> opened;
    private final AtomicReference<AsynchronousFileChannel> channel = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Opened(AsynchronousFileChannel channel, long size) {
    }

    FileByteRangeSource(URI uri, Path path) {
        this.uri = uri;
        this.path = path;
        this.opened = Mono.fromCallable(this::openChannel).subscribeOn(Schedulers.boundedElastic()).cache();
    }

    private Opened openChannel() {
        if (Files.isDirectory(path)) {
            throw new PermanentSourceException("is a directory (FitsScanner.expand lists the files in it)", uri, -1);
        }
        try {
            AsynchronousFileChannel ch = AsynchronousFileChannel.open(path, StandardOpenOption.READ);
            channel.set(ch);
            if (closed.get()) {
                closeQuietly(ch);
                throw new PermanentSourceException("source was closed", uri, -1);
            }
            return new Opened(ch, ch.size());
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no such file", uri, -1, e);
        } catch (AccessDeniedException e) {
            throw new org.astrocloud.fits.error.ObjectAccessDeniedException("file not readable", uri, -1, e);
        } catch (IOException e) {
            throw new PermanentSourceException("cannot open file: " + e, uri, -1, e);
        }
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return opened.flatMap(o -> {
            long start = range.offset();
            if (start >= o.size()) {
                stats.recordRequest(0);
                return Mono.just(RangeBytes.of(start, ByteBuffer.allocate(0), o.size()));
            }
            int length = (int) Math.min(Math.min(range.length(), o.size() - start), Integer.MAX_VALUE - 8);
            ByteBuffer target = ByteBuffer.allocate(length);
            return Mono.<RangeBytes>create(sink -> readFully(o, target, start, sink));
        });
    }

    private void readFully(Opened o, ByteBuffer target, long start, MonoSink<RangeBytes> sink) {
        AtomicBoolean cancelled = new AtomicBoolean();
        sink.onCancel(() -> cancelled.set(true));
        o.channel().read(target, start, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void unused) {
                if (cancelled.get()) {
                    return;
                }
                try {
                    if (n >= 0 && target.hasRemaining()) {
                        o.channel().read(target, start + target.position(), null, this);
                        return;
                    }
                    target.flip();
                    stats.recordRequest(target.remaining());
                    sink.success(RangeBytes.of(start, target, o.size()));
                } catch (RuntimeException | Error e) {
                    Exceptions.throwIfJvmFatal(e);   // out of memory and the like are not a file's fault
                    // never lose a signal: whatever else goes wrong here ends the read
                    sink.error(e instanceof RuntimeException ? e : new PermanentSourceException("read failed: " + e, uri, start, e));
                }
            }

            @Override
            public void failed(Throwable e, Void unused) {
                sink.error(new PermanentSourceException("read failed: " + e, uri, start, e));
            }
        });
    }

    /**
     * Unchanged when the file's size and modification time are {@code known}'s (both must be known);
     * reads neither the file nor its channel, and counts no request.
     */
    @Override
    public Mono<Revalidation> revalidate(ObjectInfo known) {
        return Mono.fromCallable(() -> LocalListing.stat(uri))
                .subscribeOn(Schedulers.boundedElastic())
                .map(now -> new Revalidation(now.sameVersionAs(known), now));
    }

    @Override
    public ReadStats stats() {
        return stats;
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            if (closed.compareAndSet(false, true)) {
                AsynchronousFileChannel ch = channel.get(); // non-blocking: an AtomicReference
                if (ch != null) {
                    closeQuietly(ch);
                }
            }
        });
    }

    private static void closeQuietly(AsynchronousFileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do: the channel is gone either way
        }
    }

    @Override
    public String toString() {
        return "FileByteRangeSource[" + uri + "]";
    }
}

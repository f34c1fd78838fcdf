package org.astrocloud.fits.data;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Mono;

/**
 * One run of a download: the pieces of an {@link OutputPlan} from the source into a {@link ChunkSink},
 * strictly in order, the next piece requested only when the write of the one before has completed
 * (so the sink paces the source). Learns the object's identity from the first answer, before its
 * bytes are written, and fails if a later answer names another object.
 */
final class Transfer {
    private final ByteRangeSource source;
    private final OutputPlan plan;
    private final Consumer<DownloadProgress> progress;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<ObjectIdentity> identity;

    Transfer(ByteRangeSource source, OutputPlan plan, ObjectIdentity known, Consumer<DownloadProgress> progress) {
        this.source = source;
        this.plan = plan;
        this.progress = progress;
        this.identity = new AtomicReference<>(known);
    }

    /**
     * Writes the output after its first {@code skip} bytes to {@code sink}; {@code onIdentity} hears the
     * object's identity with the first bytes from the source, and the write waits for it (it may fail
     * the run).
     */
    Mono<Void> copy(long skip, ChunkSink sink, Function<ObjectIdentity, Mono<Void>> onIdentity) {
        return plan.pieces(source, skip)
                .concatMap(piece -> {
                    int n = piece.data().remaining();
                    return check(piece, onIdentity).then(sink.write(piece.data()))
                            .then(Mono.fromRunnable(() -> progress.accept(
                                    new DownloadProgress(skip + written.addAndGet(n), plan.total(identity.get().size())))));
                }, 0)
                .then();
    }

    private Mono<Void> check(Piece piece, Function<ObjectIdentity, Mono<Void>> onIdentity) {
        if (piece.seen() == null) {
            return Mono.empty();
        }
        ObjectIdentity current = identity.get();
        if (piece.first()) {
            ObjectIdentity learned = current.and(piece.seen());
            identity.set(learned);
            return onIdentity.apply(learned);
        }
        if (!current.sameObject(piece.seen())) {
            return Mono.error(new PermanentSourceException("the object changed during the download: "
                    + current.difference(current.and(piece.seen())), source.uri(), -1));
        }
        return Mono.empty();
    }

    /** The bytes this run wrote so far. */
    long written() {
        return written.get();
    }

    /** The object's identity as known so far. */
    ObjectIdentity identity() {
        return identity.get();
    }
}

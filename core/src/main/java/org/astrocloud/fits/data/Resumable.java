package org.astrocloud.fits.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Mono;

/**
 * A download to a file that survives being cut off: the bytes go to {@code <out>.part}, described by
 * {@code <out>.part.json}; a later run of the same download keeps the part when the object is still
 * the same (size, validator and, for local files, last-modified time, as far as known) and asks the
 * source only for the rest. When the object has changed it starts over, and says so
 * ({@link DownloadResult#restarted()}). On success the part is renamed to {@code out} atomically.
 */
final class Resumable {
    private final ByteRangeSource source;
    private final OutputPlan plan;
    private final ObjectIdentity known;
    private final Path out;
    private final PartFile files;
    private final Consumer<DownloadProgress> progress;
    private final Sidecar wanted;

    Resumable(ByteRangeSource source, OutputPlan plan, ObjectIdentity known, Path out, Consumer<DownloadProgress> progress) {
        this.source = source;
        this.plan = plan;
        this.known = known;
        this.out = out;
        this.files = new PartFile(out);
        this.progress = progress;
        this.wanted = new Sidecar(Redaction.redact(source.uri()), plan.request(), plan.offset(), plan.length(), known);
    }

    /** The object changed since the part was written: the run starts over. */
    private static final class ObjectChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ObjectChanged() {
            super("the object changed since the part was written", null, false, false);
        }
    }

    /** Runs the download, continuing a part an earlier run left when {@code resume} and it is still good. */
    Mono<DownloadResult> run(boolean resume) {
        return files.left().flatMap(left -> {
            Optional<PartFile.Left> earlier = resume ? left : Optional.empty();
            boolean same = earlier.map(l -> l.sidecar().sameRequest(wanted) && l.sidecar().object().sameObject(known))
                    .orElse(false);
            boolean changed = earlier.isPresent() && !same && earlier.get().sidecar().uri().equals(wanted.uri())
                    && earlier.get().sidecar().request().equals(wanted.request());
            if (!same) {
                return attempt(0, null, changed);
            }
            long total = plan.total(earlier.get().sidecar().object().size());
            long skip = total < 0 ? earlier.get().length() : Math.min(earlier.get().length(), total);
            return attempt(skip, earlier.get().sidecar().object(), false)
                    .onErrorResume(ObjectChanged.class, e -> attempt(0, null, true));
        });
    }

    private Mono<DownloadResult> attempt(long skip, ObjectIdentity remembered, boolean restarted) {
        return Mono.defer(() -> {
            Transfer transfer = new Transfer(source, plan, known, progress);
            Mono<Void> start = skip == 0 ? files.save(wanted) : Mono.empty();
            Mono<Void> copy = Mono.usingWhen(FileSink.open(files.part(), skip),
                    sink -> Mono.fromRunnable(() -> progress.accept(new DownloadProgress(skip, plan.total(known.size()))))
                            .then(transfer.copy(skip, sink, learned -> learned(remembered, learned)))
                            .then(sink.finish()),
                    FileSink::close);
            return start.then(copy).then(files.complete())
                    .then(Mono.fromSupplier(() -> result(out, transfer, skip, restarted, source.stats())));
        });
    }

    private Mono<Void> learned(ObjectIdentity remembered, ObjectIdentity learned) {
        if (remembered != null && !remembered.sameObject(learned)) {
            return Mono.error(new ObjectChanged());
        }
        return files.save(wanted.with(learned));
    }

    static DownloadResult result(Path path, Transfer transfer, long skip, boolean restarted, ReadStats stats) {
        ObjectIdentity id = transfer.identity();
        return new DownloadResult(path, skip + transfer.written(), transfer.written(), skip, restarted, stats.requests(),
                stats.bytesRead(), id.size(), Optional.ofNullable(id.validator()));
    }
}

package org.astrocloud.fits.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The files of a download under way to {@code out}: the bytes so far in {@code <out>.part}, what
 * they are in {@code <out>.part.json}; on success the part becomes {@code out} in one atomic rename.
 * These small file-system calls run on the bounded elastic scheduler.
 */
final class PartFile {
    private final Path out;
    private final Path part;
    private final Path sidecar;

    PartFile(Path out) {
        this.out = out;
        this.part = out.resolveSibling(out.getFileName() + ".part");
        this.sidecar = out.resolveSibling(out.getFileName() + ".part.json");
    }

    Path part() {
        return part;
    }

    /** The part left by an earlier run: its sidecar and its length; empty when there is none or no sidecar. */
    Mono<Optional<Left>> left() {
        return blocking(() -> {
            if (!Files.isRegularFile(part) || !Files.isRegularFile(sidecar)) {
                return Optional.<Left>empty();
            }
            long length = Files.size(part);
            return Sidecar.parse(Files.readString(sidecar, StandardCharsets.UTF_8)).map(s -> new Left(s, length));
        });
    }

    /** What an earlier run left. */
    record Left(Sidecar sidecar, long length) {
    }

    Mono<Void> save(Sidecar s) {
        return blocking(() -> {
            Path tmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp");
            Files.writeString(tmp, s.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }).then();
    }

    /** The part becomes {@code out}, atomically; the sidecar goes. */
    Mono<Void> complete() {
        return blocking(() -> {
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(sidecar);
            return true;
        }).then();
    }

    /** The size and last-modified time of the local file at {@code path}; unknown when it does not exist. */
    static Mono<ObjectIdentity> identityOf(Path path) {
        return blocking(() -> {
            try {
                return new ObjectIdentity(Files.size(path), null, Files.getLastModifiedTime(path).toMillis());
            } catch (NoSuchFileException e) {
                return ObjectIdentity.UNKNOWN;
            }
        });
    }

    private interface Io<T> {
        T call() throws IOException;
    }

    private static <T> Mono<T> blocking(Io<T> io) {
        return Mono.fromCallable(io::call).subscribeOn(Schedulers.boundedElastic());
    }
}

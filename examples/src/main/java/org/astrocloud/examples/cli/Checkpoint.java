package org.astrocloud.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.Redaction;

/**
 * {@code --checkpoint FILE}: one line per file scanned successfully, written and flushed as each
 * completes, so that a scan killed half way and started again skips what it already has. Failed
 * files are not recorded: a restart tries them again.
 */
final class Checkpoint implements AutoCloseable {
    private final Set<String> done;
    private final BufferedWriter writer;

    private Checkpoint(Set<String> done, BufferedWriter writer) {
        this.done = done;
        this.writer = writer;
    }

    /** No checkpoint: nothing skipped, nothing recorded. */
    static Checkpoint none() {
        return new Checkpoint(Set.of(), null);
    }

    /** Reads {@code file} if it exists and appends to it from now on. */
    static Checkpoint at(Path file) {
        try {
            Set<String> done = new HashSet<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        done.add(line.strip());
                    }
                }
            }
            return new Checkpoint(done, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files an earlier run finished. */
    int finishedBefore() {
        return done.size();
    }

    /**
     * Whether an earlier run already scanned {@code uri}. The file holds URIs with their secrets
     * masked ({@link Redaction}), so presigned URLs of one object match whatever their signature.
     */
    boolean isDone(java.net.URI uri) {
        return done.contains(Redaction.redact(uri));
    }

    /** Records a successful file. */
    synchronized void record(ScanResult r) {
        if (writer == null || !r.isOk()) {
            return;
        }
        try {
            writer.write(Redaction.redact(r.uri()));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

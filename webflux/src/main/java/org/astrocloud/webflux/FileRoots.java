package org.astrocloud.webflux;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code file:} roots of a {@link UriAllowlist}: local directories the service may read, compared
 * by their real paths. Symbolic links are resolved on both sides, so a link inside a root that
 * points out of it admits nothing outside, and a root that is itself a link admits what it points to.
 *
 * <p>Resolving reads the file system (it may block): call {@link #resolve} off the event loop.
 */
final class FileRoots {
    private final List<Path> roots;

    private FileRoots(List<Path> roots) {
        this.roots = roots;
    }

    /**
     * The roots among {@code normalizedRoots} that are {@code file:} URIs, each an existing directory.
     *
     * @throws IllegalArgumentException if a {@code file:} root is not an existing directory
     */
    static FileRoots of(List<String> normalizedRoots) {
        return new FileRoots(normalizedRoots.stream().filter(r -> r.startsWith("file:")).map(FileRoots::directory).toList());
    }

    private static Path directory(String root) {
        try {
            Path real = Path.of(URI.create(root)).toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("astro-cloud.allowed-roots: " + root + ": not a directory");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("astro-cloud.allowed-roots: " + root + ": not an existing directory ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Each root's real directory as URI prefixes, {@code file:/d/} and {@code file:///d/}. */
    List<String> prefixes() {
        return roots.stream().flatMap(r -> {
            String path = r.toUri().getRawPath();
            String dir = path.endsWith("/") ? path : path + "/";
            return java.util.stream.Stream.of("file:" + dir, "file://" + dir);
        }).toList();
    }

    /** Whether there is no {@code file:} root. */
    boolean isEmpty() {
        return roots.isEmpty();
    }

    /**
     * The real path of {@code uri} as a {@code file:} URI, if it lies under a root's real path. A
     * path that does not exist is resolved through its nearest existing directory (its read then
     * fails as a missing file); a dangling symbolic link, a path the service may not resolve
     * (permissions), or one that runs through a regular file is not admitted.
     *
     * @param uri a {@code file:} URI without authority, query or fragment
     */
    Optional<URI> resolve(URI uri) {
        if (roots.isEmpty()) {
            return Optional.empty();    // nothing to compare with: the file system is not touched
        }
        try {
            return realPath(Path.of(uri)).filter(real -> roots.stream().anyMatch(real::startsWith)).map(Path::toUri);
        } catch (IllegalArgumentException | SecurityException e) {
            return Optional.empty();    // no path of this file system, or one the service may not look at
        }
    }

    /** {@code path} with its symbolic links resolved, through its nearest existing directory if it does not exist. */
    private static Optional<Path> realPath(Path path) {
        Path existing = path;
        Path missing = path.getFileSystem().getPath("");
        while (true) {
            try {
                return Optional.of(existing.toRealPath().resolve(missing));
            } catch (NoSuchFileException e) {
                if (existing.getParent() == null || Files.isSymbolicLink(existing)) {
                    return Optional.empty();
                }
                missing = existing.getFileName().resolve(missing);
                existing = existing.getParent();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}

package org.astrocloud.fits.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.attribute.BasicFileAttributes;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ObjectInfo;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The files a {@code file:} URI names: a regular file is itself; a directory is every regular file
 * below it, recursively; a path with glob characters ({@code * ? [ {}) is every file it matches,
 * with the JDK's glob syntax ({@link FileSystems#getPathMatcher}: {@code *} within one directory
 * level, {@code **} across levels). Names starting with {@code .} are skipped inside directories
 * and by wildcards, as a shell does; symbolic links to directories are not followed.
 *
 * <p>{@link #list} gives each file's size and modification time too; {@link #stat} is the one place
 * where a file's attributes are read.
 *
 * <p>Lazy and ordered: one directory is read at a time, when the consumer needs more names, its
 * entries sorted by name; directories are read on a bounded-elastic thread.
 */
final class LocalListing {
    private LocalListing() {
    }

    static Flux<URI> expand(URI uri) {
        return Flux.defer(() -> named(uri)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * What {@link #expand} names, each with its size and modification time (one {@code stat} per
     * file, on the same bounded-elastic thread); a file that cannot be read is itself with nothing known.
     */
    static Flux<ObjectInfo> list(URI uri) {
        return Flux.defer(() -> named(uri)).map(LocalListing::describe).subscribeOn(Schedulers.boundedElastic());
    }

    /** {@link #stat}, or nothing known when the file cannot be read. */
    private static ObjectInfo describe(URI uri) {
        try {
            return stat(uri);
        } catch (AstroCloudException e) {
            return ObjectInfo.of(uri);
        }
    }

    /**
     * The size and modification time of the file {@code uri} names, read without opening it. Blocks
     * (a {@code stat}): call it on a thread that may.
     *
     * @throws ObjectNotFoundException when there is no such file
     * @throws PermanentSourceException when its attributes cannot be read or it is not a regular file
     */
    static ObjectInfo stat(URI uri) {
        try {
            BasicFileAttributes a = Files.readAttributes(Path.of(uri), BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new PermanentSourceException("not a regular file", uri, -1);
            }
            return ObjectInfo.of(uri).withSize(a.size()).withLastModified(a.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no such file", uri, -1, e);
        } catch (IOException e) {
            throw new PermanentSourceException("cannot read the file's attributes: " + e, uri, -1, e);
        }
    }

    /** The URIs {@code uri} names; blocks (reads directories). */
    private static Flux<URI> named(URI uri) {
        Path path = Path.of(uri);
        if (Files.isRegularFile(path)) {
            return Flux.just(uri);
        }
        if (Files.isDirectory(path)) {
            return below(path, uri).map(Path::toUri);
        }
        int wildcard = firstWildcard(path.toString());
        if (wildcard < 0) {
            return Flux.just(uri);   // opening it gives the precise error (no such file, ...)
        }
        return matching(path, wildcard, uri).map(Path::toUri);
    }

    /** Every regular file below {@code dir}, depth first, names in order. */
    private static Flux<Path> below(Path dir, URI listed) {
        return Flux.defer(() -> Flux.fromIterable(entries(dir, listed)))
                .concatMap(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? below(p, listed)
                        : Files.isRegularFile(p) ? Flux.just(p) : Flux.empty());
    }

    /** The files matching a glob: the directories above the first wildcard are walked, the rest matched. */
    private static Flux<Path> matching(Path pattern, int wildcard, URI listed) {
        String text = pattern.toString();
        int cut = text.lastIndexOf(pattern.getFileSystem().getSeparator(), wildcard);
        Path base = Path.of(text.substring(0, cut + 1));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
        boolean anyDepth = text.contains("**");
        int depth = pattern.getNameCount() - base.getNameCount();
        if (!Files.isDirectory(base)) {
            return Flux.error(new ObjectNotFoundException("no such directory: " + base, listed, -1));
        }
        return walk(base, 1, anyDepth ? Integer.MAX_VALUE : depth, listed).filter(matcher::matches);
    }

    private static Flux<Path> walk(Path dir, int level, int maxDepth, URI listed) {
        return Flux.defer(() -> Flux.fromIterable(entries(dir, listed)))
                .concatMap(p -> {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        return level < maxDepth ? walk(p, level + 1, maxDepth, listed) : Flux.empty();
                    }
                    return Files.isRegularFile(p) ? Flux.just(p) : Flux.empty();
                });
    }

    /** The entries of one directory not starting with {@code .}, sorted by name. */
    private static List<Path> entries(Path dir, URI listed) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir,
                p -> !p.getFileName().toString().startsWith("."))) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no such directory: " + dir, listed, -1, e);
        } catch (IOException | UncheckedIOException e) {
            throw new PermanentSourceException("cannot list " + dir + ": " + e.getMessage(), listed, -1, e);
        }
        entries.sort(null);
        return entries;
    }

    /** The index of the first glob character in {@code path}, or -1. */
    static int firstWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}

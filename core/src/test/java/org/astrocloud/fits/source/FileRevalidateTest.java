package org.astrocloud.fits.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.Revalidation;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings of {@code file:} URIs with sizes and modification times, and revalidation without a read. */
class FileRevalidateTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path write(String name, int size, Instant mtime) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    private static ObjectInfo asTheFileSystemSays(Path p) throws Exception {
        return ObjectInfo.of(p.toUri()).withSize(Files.size(p)).withLastModified(Files.getLastModifiedTime(p).toInstant());
    }

    @Test
    void aListingShouldGiveEachFilesSizeAndModificationTime() throws Exception {
        Path a = write("a.fits", 10, Instant.parse("2020-02-19T12:00:00Z"));
        Path b = write("s1/b.fits", 2880, Instant.parse("2021-03-04T05:06:07.123Z"));
        write("notes.txt", 1, Instant.now());

        List<ObjectInfo> listed = ByteRangeSources.installed().list(URI.create(dir.toUri() + "**.fits"), SourceOptions.empty())
                .collectList().block(TIMEOUT);

        assertEquals(List.of(asTheFileSystemSays(a), asTheFileSystemSays(b)), listed);
        assertEquals(List.of(asTheFileSystemSays(a)), ByteRangeSources.installed().list(a.toUri(), SourceOptions.empty())
                .collectList().block(TIMEOUT), "a file is itself, described");
    }

    @Test
    void revalidationShouldCompareSizeAndModificationTimeWithoutARequest() throws Exception {
        Path p = write("cube.fits", 5760, Instant.parse("2020-02-19T12:00:00Z"));
        ByteRangeSource s = ByteRangeSources.open(p.toUri(), SourceOptions.empty());
        ObjectInfo known = asTheFileSystemSays(p);

        Revalidation same = s.revalidate(known).block(TIMEOUT);
        write("cube.fits", 5760, Instant.parse("2020-02-19T12:00:01Z"));
        Revalidation touched = s.revalidate(known).block(TIMEOUT);
        Revalidation sizeOnly = s.revalidate(ObjectInfo.of(p.toUri()).withSize(5760)).block(TIMEOUT);

        assertTrue(same.unchanged());
        assertEquals(known, same.current());
        assertFalse(touched.unchanged(), "another modification time");
        assertEquals(asTheFileSystemSays(p), touched.current());
        assertFalse(sizeOnly.unchanged(), "a size alone does not confirm a file");
        assertEquals(0, s.stats().requests(), "nothing was read");
        Files.delete(p);
        assertThrows(ObjectNotFoundException.class, () -> s.revalidate(known).block(TIMEOUT));
        assertEquals(0, s.read(ByteRange.of(0, 1)).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .map(r -> r.length()).defaultIfEmpty(0).block(TIMEOUT));
        s.close().block(TIMEOUT);
    }
}

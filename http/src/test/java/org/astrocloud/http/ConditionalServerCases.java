package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.Revalidation;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.Test;

/**
 * Revalidation and pinned reads against a real server that serves files of a directory with
 * nginx's ETags ({@code "hex(mtime seconds)-hex(size)"}, computed here from the file) and counts,
 * at the server, the requests it answered and the body bytes it sent.
 */
interface ConditionalServerCases {
    Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the server counted so far. */
    record Counted(long requests, long bodyBytes) {
    }

    /** The directory the server serves. */
    Path www();

    /** The URL of {@code name}. */
    String url(String name);

    /** What the server counted once it has answered at least {@code requests} requests (waiting a little for its log). */
    Counted counted(long requests) throws Exception;

    /** nginx's ETag for {@code file}, computed from the file's attributes. */
    static String etag(Path file) throws Exception {
        return "\"" + Long.toHexString(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS)) + "-"
                + Long.toHexString(Files.size(file)) + "\"";
    }

    /** Writes {@code content} to {@code name}, modified at {@code mtime} (whole seconds, as HTTP dates are). */
    private Path write(String name, byte[] content, Instant mtime) throws Exception {
        Path file = www().resolve(name);
        Path tmp = www().resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.setLastModifiedTime(tmp, FileTime.from(mtime));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static Instant aMinuteAgo() {
        return Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    }

    private ByteRangeSource open(String name) {
        return ByteRangeSources.open(URI.create(url(name)), SourceOptions.empty());
    }

    @Test
    default void revalidationOfAnUnchangedObjectShouldBeOneRequestWithoutABodyByte() throws Exception {
        byte[] content = ByteRangeSourceContract.content(100_000, 1);
        Instant mtime = aMinuteAgo();
        Path file = write("unchanged.bin", content, mtime);
        ByteRangeSource s = open("unchanged.bin");
        ObjectInfo known = ObjectInfo.of(s.uri()).withSize(content.length).withValidator(etag(file));
        Counted before = counted(0);

        Revalidation r = s.revalidate(known).block(TIMEOUT);

        Counted after = counted(before.requests() + 1);
        assertTrue(r.unchanged(), r::toString);
        assertEquals(new ObjectInfo(s.uri(), content.length, etag(file), mtime), r.current());
        assertEquals(new Counted(before.requests() + 1, before.bodyBytes()), after, "at the server");
        assertEquals(1, s.stats().requests());
        assertEquals(0, s.stats().bytesRead());
        s.close().block(TIMEOUT);
    }

    @Test
    default void revalidationByModificationTimeShouldBeOneRequestWithoutABodyByte() throws Exception {
        Instant mtime = aMinuteAgo();
        Path file = write("by-date.bin", ByteRangeSourceContract.content(5000, 2), mtime);
        ByteRangeSource s = open("by-date.bin");
        Counted before = counted(0);

        Revalidation r = s.revalidate(ObjectInfo.of(s.uri()).withSize(5000).withLastModified(mtime)).block(TIMEOUT);

        assertTrue(r.unchanged(), r::toString);
        assertEquals(Optional.of(etag(file)), r.current().knownValidator(), "the 304's ETag");
        assertEquals(new Counted(before.requests() + 1, before.bodyBytes()), counted(before.requests() + 1), "at the server");
    }

    @Test
    default void revalidationOfARewrittenObjectShouldSayChangedWithTheNewEtag() throws Exception {
        Path file = write("rewritten.bin", ByteRangeSourceContract.content(5000, 3), aMinuteAgo());
        ObjectInfo known = ObjectInfo.of(URI.create(url("rewritten.bin"))).withSize(5000).withValidator(etag(file));
        Instant later = aMinuteAgo().plusSeconds(30);
        write("rewritten.bin", ByteRangeSourceContract.content(7000, 4), later);
        ByteRangeSource s = open("rewritten.bin");
        Counted before = counted(0);

        Revalidation r = s.revalidate(known).block(TIMEOUT);

        assertFalse(r.unchanged(), r::toString);
        assertEquals(new ObjectInfo(s.uri(), 7000, etag(file), later), r.current());
        assertEquals(new Counted(before.requests() + 1, before.bodyBytes() + 1), counted(before.requests() + 1),
                "one request, the one byte of its 206");
    }

    @Test
    default void revalidationAgainstNothingKnownShouldDescribeTheObject() throws Exception {
        Instant mtime = aMinuteAgo();
        Path file = write("unknown.bin", ByteRangeSourceContract.content(3000, 5), mtime);
        ByteRangeSource s = open("unknown.bin");

        Revalidation first = s.revalidate(ObjectInfo.of(s.uri())).block(TIMEOUT);
        Revalidation second = s.revalidate(first.current()).block(TIMEOUT);

        assertFalse(first.unchanged(), "nothing was known");
        assertEquals(new ObjectInfo(s.uri(), 3000, etag(file), mtime), first.current());
        assertTrue(second.unchanged(), "against what the first one found");
    }

    @Test
    default void aPinnedReadOfAReplacedObjectShouldFailWithObjectChanged() throws Exception {
        byte[] v1 = ByteRangeSourceContract.content(50_000, 6);
        Path file = write("swapped.bin", v1, aMinuteAgo());
        ByteRangeSource s = open("swapped.bin");
        ByteRangeSource pinned = s.pinned(etag(file));

        RangeBytes first = pinned.read(ByteRange.of(0, 1000)).block(TIMEOUT);
        assertEquals(Optional.of(etag(file)), first.validator());
        assertArrayEquals(Arrays.copyOfRange(v1, 0, 1000), ByteRangeSourceContract.concatenated(List.of(first)));
        write("swapped.bin", ByteRangeSourceContract.content(60_000, 7), aMinuteAgo().plusSeconds(20));
        Counted before = counted(0);

        ObjectChangedException e = assertThrows(ObjectChangedException.class,
                () -> pinned.read(ByteRange.of(1000, 1000)).block(TIMEOUT));
        assertEquals(Optional.of(s.uri()), e.uri());
        assertEquals(OptionalLong.of(1000), e.offset());
        assertThrows(ObjectChangedException.class, () -> pinned.stream(ByteRange.of(2000, 5000)).blockLast(TIMEOUT));
        assertEquals(before.requests() + 2, counted(before.requests() + 2).requests(), "not retried");
        assertEquals(0, s.stats().retries());
        assertEquals(3, s.stats().requests(), "the pinned view counts in its source's stats");
        assertEquals(60_000, s.read(ByteRange.of(0, 100_000)).block(TIMEOUT).length(), "the source itself is not pinned");
        pinned.close().block(TIMEOUT);
        assertEquals(100, s.read(ByteRange.of(0, 100)).block(TIMEOUT).length(), "closing the view left the source usable");
    }

    @Test
    default void aPinnedReadOfAnUnchangedObjectShouldReadAsBefore() throws Exception {
        byte[] content = ByteRangeSourceContract.content(50_000, 8);
        Path file = write("kept.bin", content, aMinuteAgo());
        ByteRangeSource s = open("kept.bin");
        ByteRangeSource pinned = s.pinned(etag(file));

        RangeBytes r = pinned.read(ByteRange.of(123, 4567)).block(TIMEOUT);
        byte[] streamed = ByteRangeSourceContract.concatenated(pinned.stream(ByteRange.of(100, 40_000)).collectList().block(TIMEOUT));

        assertEquals(123, r.offset());
        assertArrayEquals(Arrays.copyOfRange(content, 123, 123 + 4567), ByteRangeSourceContract.concatenated(List.of(r)));
        assertArrayEquals(Arrays.copyOfRange(content, 100, 40_100), streamed);
        assertSame(s, s.pinned("W/\"weak\""), "a weak ETag never matches If-Match: no pin");
    }
}

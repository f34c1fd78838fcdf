package org.astrocloud.fits.spi.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The contract every {@link ByteRangeSource} keeps, as tests: implement {@link #sourceFor} in a
 * test class that implements this interface, and JUnit runs them all.
 */
public interface ByteRangeSourceContract {
    Duration TIMEOUT = Duration.ofSeconds(30);

    /** A source over an object holding exactly {@code content}; {@code name} is unique per call. */
    ByteRangeSource sourceFor(String name, byte[] content) throws Exception;

    /** Deterministic pseudo-random content. */
    static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytesOf(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] slice(byte[] all, int from, int to) {
        return java.util.Arrays.copyOfRange(all, from, to);
    }

    private RangeBytes read(ByteRangeSource source, ByteRange range) {
        return source.read(range).block(TIMEOUT);
    }

    @Test
    default void readShouldReturnExactBytesInside() throws Exception {
        byte[] all = content(100_000, 1);
        ByteRangeSource s = sourceFor("inside.bin", all);
        RangeBytes r = read(s, ByteRange.of(1234, 5000));
        assertEquals(1234, r.offset());
        assertArrayEquals(slice(all, 1234, 6234), bytesOf(r));
        s.close().block(TIMEOUT);
    }

    @Test
    default void readShouldReturnExactBytesAtStart() throws Exception {
        byte[] all = content(10_000, 2);
        ByteRangeSource s = sourceFor("start.bin", all);
        assertArrayEquals(slice(all, 0, 2880), bytesOf(read(s, ByteRange.of(0, 2880))));
        s.close().block(TIMEOUT);
    }

    @Test
    default void readShouldStopAtTheEndOfTheObject() throws Exception {
        byte[] all = content(10_000, 3);
        ByteRangeSource s = sourceFor("end.bin", all);
        RangeBytes r = read(s, ByteRange.of(9_000, 65_536));
        assertArrayEquals(slice(all, 9_000, 10_000), bytesOf(r));
        assertEquals(9_000, r.offset());
        RangeBytes last = read(s, ByteRange.of(9_999, 1));
        assertArrayEquals(slice(all, 9_999, 10_000), bytesOf(last));
        s.close().block(TIMEOUT);
    }

    @Test
    default void readPastTheEndShouldBeEmptyNotAnError() throws Exception {
        byte[] all = content(10_000, 4);
        ByteRangeSource s = sourceFor("past.bin", all);
        assertEquals(0, read(s, ByteRange.of(10_000, 100)).length());
        assertEquals(0, read(s, ByteRange.of(50_000, 100)).length());
        s.close().block(TIMEOUT);
    }

    @Test
    default void readOfAnEmptyObjectShouldBeEmpty() throws Exception {
        ByteRangeSource s = sourceFor("empty.bin", new byte[0]);
        RangeBytes r = read(s, ByteRange.of(0, 2880));
        assertEquals(0, r.length());
        r.objectSize().ifPresent(size -> assertEquals(0, size));
        s.close().block(TIMEOUT);
    }

    @Test
    default void readShouldReportTheObjectSize() throws Exception {
        byte[] all = content(12_345, 5);
        ByteRangeSource s = sourceFor("size.bin", all);
        assertEquals(12_345, read(s, ByteRange.of(0, 10)).objectSize().orElseThrow());
        s.close().block(TIMEOUT);
    }

    @Test
    default void readShouldCountRequestsAndBytes() throws Exception {
        byte[] all = content(10_000, 6);
        ByteRangeSource s = sourceFor("stats.bin", all);
        read(s, ByteRange.of(0, 100));
        read(s, ByteRange.of(9_950, 100));
        assertEquals(2, s.stats().requests());
        assertEquals(150, s.stats().bytesRead());
        s.close().block(TIMEOUT);
    }

    @Test
    default void cancelledReadShouldLeaveTheSourceUsable() throws Exception {
        byte[] all = content(1 << 20, 7);
        ByteRangeSource s = sourceFor("cancel.bin", all);
        StepVerifier.create(s.read(ByteRange.of(0, 1 << 20)), 0).thenCancel().verify(TIMEOUT);
        assertArrayEquals(slice(all, 100, 200), bytesOf(read(s, ByteRange.of(100, 100))));
        s.close().block(TIMEOUT);
    }

    @Test
    default void readShouldBeLazy() throws Exception {
        ByteRangeSource s = sourceFor("lazy.bin", content(1000, 8));
        s.read(ByteRange.of(0, 10));
        assertEquals(0, s.stats().requests());
        s.close().block(TIMEOUT);
    }

    @Test
    default void twoHundredFiftySixConcurrentReadsShouldAllBeExact() throws Exception {
        byte[] all = content(1 << 20, 9);
        ByteRangeSource s = sourceFor("concurrent.bin", all);
        List<Boolean> ok = Flux.range(0, 256)
                .flatMap(i -> s.read(ByteRange.of(i * 4096L, 4096))
                        .map(r -> java.util.Arrays.equals(bytesOf(r), slice(all, i * 4096, i * 4096 + 4096))), 256)
                .collectList().block(TIMEOUT);
        assertEquals(256, ok.size());
        assertTrue(ok.stream().allMatch(Boolean::booleanValue));
        s.close().block(TIMEOUT);
    }

    @Test
    default void streamShouldDeliverTheWholeObjectInOrder() throws Exception {
        byte[] all = content(300_001, 10);
        ByteRangeSource s = sourceFor("stream.bin", all);
        ByteBuffer joined = ByteBuffer.allocate(all.length);
        s.stream(0, 65_536).doOnNext(joined::put).blockLast(TIMEOUT);
        assertArrayEquals(all, joined.array());
        s.close().block(TIMEOUT);
    }
}

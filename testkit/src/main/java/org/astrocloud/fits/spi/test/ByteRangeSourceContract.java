package org.astrocloud.fits.spi.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The contract every {@link ByteRangeSource} keeps, as JUnit Jupiter tests: what the FITS walk
 * relies on when it reads through a source, checked against a real store.
 *
 * <p>To check your source, write a test class that implements this interface and its one
 * abstract method, {@link #sourceFor}: put {@code content} into your store as an object named
 * {@code name}, and return a new source over that object. JUnit then runs every test below
 * against it; each test asks for its own object and closes its source at the end. Open the source
 * through {@link org.astrocloud.fits.spi.ByteRangeSources#open} rather than with your constructor,
 * so that your provider's {@code META-INF/services} entry and its scheme matching are checked as
 * well. Start the local server your store needs in {@code @BeforeAll} (a static field, or
 * {@code @TestInstance(PER_CLASS)}), never a remote service: the tests must be able to fail only
 * because of your source. Every test is something a scan depends on; none is optional.
 *
 * <pre>{@code
 * class VaultContractTest implements ByteRangeSourceContract {
 *     @TempDir
 *     static Path dir;
 *     static VaultTestServer server;                      // your store, on 127.0.0.1
 *
 *     @BeforeAll
 *     static void start() {
 *         server = VaultTestServer.serving(dir);
 *     }
 *
 *     @AfterAll
 *     static void stop() {
 *         server.close();
 *     }
 *
 *     @Override
 *     public ByteRangeSource sourceFor(String name, byte[] content) throws Exception {
 *         Files.write(dir.resolve(name), content);        // or upload it with your client
 *         return ByteRangeSources.open(URI.create("vault://127.0.0.1:" + server.port() + "/" + name),
 *                 SourceOptions.empty());
 *     }
 * }
 * }</pre>
 *
 * <p>The tests, by what they check:
 * <ul>
 *   <li>exact bytes: {@link #readShouldReturnExactBytesInside}, {@link #readShouldReturnExactBytesAtStart}
 *       (no byte more, none fewer, the answer's offset where the range starts);</li>
 *   <li>the end of the object: {@link #readShouldStopAtTheEndOfTheObject},
 *       {@link #readPastTheEndShouldBeEmptyNotAnError}, {@link #readOfAnEmptyObjectShouldBeEmpty},
 *       {@link #readShouldReportTheObjectSize};</li>
 *   <li>what the source counts: {@link #readShouldCountRequestsAndBytes};</li>
 *   <li>reactive behaviour: {@link #readShouldBeLazy}, {@link #cancelledReadShouldLeaveTheSourceUsable},
 *       {@link #twoHundredFiftySixConcurrentReadsShouldAllBeExact};</li>
 *   <li>streaming: {@link #streamShouldDeliverTheWholeObjectInOrder}.</li>
 * </ul>
 * Each test waits at most {@link #timeout()} for one step, so a source that hangs fails instead
 * of stalling the build.
 */
public interface ByteRangeSourceContract {

    /**
     * Stores {@code content} as a new object and returns a new source over it.
     *
     * @param name a file-like name ({@code inside.bin}), different for every test of this interface
     * @param content the exact bytes of the object, possibly none
     * @return a source for that object, not yet read from; the test closes it
     * @throws Exception if the object cannot be stored: the test then fails with it
     */
    ByteRangeSource sourceFor(String name, byte[] content) throws Exception;

    /**
     * How long the tests wait for one read, one stream or one cancellation. Override it for a
     * store that is slow to start answering; 30 seconds by default.
     *
     * @return the longest wait, positive
     */
    default Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Deterministic pseudo-random content, for tests of a source beyond this contract.
     *
     * @param size how many bytes
     * @param seed the same seed gives the same bytes
     * @return {@code size} bytes
     */
    static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] bytesOf(RangeBytes r) {
        return bytesOf(r.bytes());
    }

    private static byte[] slice(byte[] all, int from, int to) {
        return Arrays.copyOfRange(all, from, to);
    }

    private RangeBytes read(ByteRangeSource source, ByteRange range) {
        RangeBytes r = source.read(range).block(timeout());
        assertNotNull(r, () -> "read(" + range + ") completed without a value; a read emits one RangeBytes, "
                + "with no bytes when the range starts at or past the end");
        return r;
    }

    /** 5,000 bytes from the middle of a 100,000-byte object: exactly those, at the offset asked for. */
    @Test
    default void readShouldReturnExactBytesInside() throws Exception {
        byte[] all = content(100_000, 1);
        ByteRangeSource s = sourceFor("inside.bin", all);
        RangeBytes r = read(s, ByteRange.of(1234, 5000));
        assertEquals(1234, r.offset(), "offset of the answer");
        assertEquals(5000, r.length(), "bytes in the answer to a read of 5000 at 1234");
        assertArrayEquals(slice(all, 1234, 6234), bytesOf(r), "the bytes at 1234");
        s.close().block(timeout());
    }

    /** The first 2,880 bytes (one FITS block) of a 10,000-byte object. */
    @Test
    default void readShouldReturnExactBytesAtStart() throws Exception {
        byte[] all = content(10_000, 2);
        ByteRangeSource s = sourceFor("start.bin", all);
        RangeBytes r = read(s, ByteRange.of(0, 2880));
        assertEquals(2880, r.length(), "bytes in the answer to a read of 2880 at 0");
        assertArrayEquals(slice(all, 0, 2880), bytesOf(r), "the first 2880 bytes");
        s.close().block(timeout());
    }

    /**
     * A range that runs past the end of a 10,000-byte object gives the bytes up to the end (1,000
     * from 9,000 for a range of 65,536), and the last byte alone can be read.
     */
    @Test
    default void readShouldStopAtTheEndOfTheObject() throws Exception {
        byte[] all = content(10_000, 3);
        ByteRangeSource s = sourceFor("end.bin", all);
        RangeBytes r = read(s, ByteRange.of(9_000, 65_536));
        assertArrayEquals(slice(all, 9_000, 10_000), bytesOf(r), "the bytes from 9000 to the end");
        assertEquals(9_000, r.offset(), "offset of the answer");
        RangeBytes last = read(s, ByteRange.of(9_999, 1));
        assertArrayEquals(slice(all, 9_999, 10_000), bytesOf(last), "the last byte");
        s.close().block(timeout());
    }

    /**
     * A range that starts at the end of the object, or far beyond it, gives an answer with no
     * bytes, not an error: the walk finds the end of a file that way.
     */
    @Test
    default void readPastTheEndShouldBeEmptyNotAnError() throws Exception {
        byte[] all = content(10_000, 4);
        ByteRangeSource s = sourceFor("past.bin", all);
        assertEquals(0, read(s, ByteRange.of(10_000, 100)).length(), "bytes at the end of the object");
        assertEquals(0, read(s, ByteRange.of(50_000, 100)).length(), "bytes past the end of the object");
        s.close().block(timeout());
    }

    /** An object of no bytes reads as an answer with no bytes; its size, when reported, is 0. */
    @Test
    default void readOfAnEmptyObjectShouldBeEmpty() throws Exception {
        ByteRangeSource s = sourceFor("empty.bin", new byte[0]);
        RangeBytes r = read(s, ByteRange.of(0, 2880));
        assertEquals(0, r.length(), "bytes of an empty object");
        r.objectSize().ifPresent(size -> assertEquals(0, size, "size of an empty object"));
        s.close().block(timeout());
    }

    /** The first read reports the size of the whole object (12,345 bytes), not only what it read. */
    @Test
    default void readShouldReportTheObjectSize() throws Exception {
        byte[] all = content(12_345, 5);
        ByteRangeSource s = sourceFor("size.bin", all);
        RangeBytes r = read(s, ByteRange.of(0, 10));
        assertTrue(r.objectSize().isPresent(), "the first read should report the object's size");
        assertEquals(12_345, r.objectSize().getAsLong(), "object size");
        s.close().block(timeout());
    }

    /**
     * {@link ByteRangeSource#stats()} counts each read as one request and the bytes actually
     * received: two reads, of 100 bytes and of the last 50, are 2 requests and 150 bytes.
     */
    @Test
    default void readShouldCountRequestsAndBytes() throws Exception {
        byte[] all = content(10_000, 6);
        ByteRangeSource s = sourceFor("stats.bin", all);
        read(s, ByteRange.of(0, 100));
        read(s, ByteRange.of(9_950, 100));
        assertEquals(2, s.stats().requests(), "requests counted");
        assertEquals(150, s.stats().bytesRead(), "bytes counted");
        s.close().block(timeout());
    }

    /**
     * A read of 1 MiB subscribed to and cancelled before any demand gives back whatever it holds
     * (a connection, a permit, a buffer): the next read of the same source answers with the right
     * bytes within {@link #timeout()}.
     */
    @Test
    default void cancelledReadShouldLeaveTheSourceUsable() throws Exception {
        byte[] all = content(1 << 20, 7);
        ByteRangeSource s = sourceFor("cancel.bin", all);
        StepVerifier.create(s.read(ByteRange.of(0, 1 << 20)), 0).thenCancel().verify(timeout());
        assertArrayEquals(slice(all, 100, 200), bytesOf(read(s, ByteRange.of(100, 100))),
                "the bytes of the read after the cancelled one");
        s.close().block(timeout());
    }

    /** {@link ByteRangeSource#read} sends nothing before the {@code Mono} is subscribed to. */
    @Test
    default void readShouldBeLazy() throws Exception {
        ByteRangeSource s = sourceFor("lazy.bin", content(1000, 8));
        s.read(ByteRange.of(0, 10));
        assertEquals(0, s.stats().requests(), "requests made by read(...) without a subscriber");
        s.close().block(timeout());
    }

    /** 256 reads of 4 KiB in flight at once on one source: each gets exactly its own bytes. */
    @Test
    default void twoHundredFiftySixConcurrentReadsShouldAllBeExact() throws Exception {
        byte[] all = content(1 << 20, 9);
        ByteRangeSource s = sourceFor("concurrent.bin", all);
        List<Integer> wrong = Flux.range(0, 256)
                .flatMap(i -> s.read(ByteRange.of(i * 4096L, 4096))
                        .map(r -> Arrays.equals(bytesOf(r), slice(all, i * 4096, i * 4096 + 4096)))
                        .defaultIfEmpty(false)
                        .filter(exact -> !exact)
                        .map(exact -> i), 256)
                .collectList().block(timeout());
        assertEquals(List.of(), wrong, "the 4 KiB blocks read with wrong bytes, or with none");
        s.close().block(timeout());
    }

    /**
     * {@link ByteRangeSource#stream} from 0 in chunks of 64 KiB delivers the whole 300,001-byte
     * object, in order, and completes.
     */
    @Test
    default void streamShouldDeliverTheWholeObjectInOrder() throws Exception {
        byte[] all = content(300_001, 10);
        ByteRangeSource s = sourceFor("stream.bin", all);
        ByteArrayOutputStream joined = new ByteArrayOutputStream(all.length);
        s.stream(0, 65_536).doOnNext(b -> joined.writeBytes(bytesOf(b))).blockLast(timeout());
        assertEquals(all.length, joined.size(), "bytes streamed");
        assertArrayEquals(all, joined.toByteArray(), "the bytes streamed, in order");
        s.close().block(timeout());
    }
}

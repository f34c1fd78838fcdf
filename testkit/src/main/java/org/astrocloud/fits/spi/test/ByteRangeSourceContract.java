package org.astrocloud.fits.spi.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.Coalescing;
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
 *   <li>streaming to the end: {@link #streamShouldDeliverTheWholeObjectInOrder};</li>
 *   <li>streams of a range: {@link #streamOfARangeShouldDeliverExactlyItsBytesInOrder} (across several
 *       buffers, at consecutive offsets), {@link #streamOfARangeShouldStopAtTheEndOfTheObject},
 *       {@link #streamOfARangePastTheEndShouldBeEmpty},
 *       {@link #streamOfARangeShouldMoveBytesOnlyWithDemand} (backpressure),
 *       {@link #cancelledStreamShouldLeaveTheSourceUsable};</li>
 *   <li>vectored reads: {@link #readRangesShouldGiveExactSlicesInOffsetOrderInFewerRequests};</li>
 *   <li>pinned reads: {@link #readsPinnedToTheObjectsOwnValidatorShouldReadAsBefore}.</li>
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

    /**
     * The bytes of {@code answers} one after the other, for tests of a source beyond this contract.
     *
     * @param answers answers of a stream, in order
     * @return their bytes, joined
     */
    static byte[] concatenated(List<RangeBytes> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answers.forEach(r -> out.writeBytes(bytesOf(r)));
        return out.toByteArray();
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

    /** The bytes of {@code stream} joined, after checking that its answers are at consecutive offsets from {@code from}. */
    private byte[] joined(Flux<RangeBytes> stream, long from, long objectSize) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long[] next = {from};
        stream.doOnNext(r -> {
            assertEquals(next[0], r.offset(), "offset of a streamed answer: where the one before it ended");
            r.objectSize().ifPresent(size -> assertEquals(objectSize, size, "object size of a streamed answer"));
            next[0] += r.length();
            joined.writeBytes(bytesOf(r));
        }).blockLast(timeout());
        return joined.toByteArray();
    }

    /**
     * {@link ByteRangeSource#stream(ByteRange)} of 2.5 MiB from inside a 3 MiB object (more than one
     * buffer of any source) delivers exactly those bytes, in answers at consecutive offsets from the
     * range's start, and completes.
     */
    @Test
    default void streamOfARangeShouldDeliverExactlyItsBytesInOrder() throws Exception {
        byte[] all = content(3 << 20, 11);
        ByteRangeSource s = sourceFor("range-stream.bin", all);
        int from = 100_001;
        int to = from + (5 << 19);
        assertArrayEquals(slice(all, from, to), joined(s.stream(ByteRange.of(from, to - from)), from, all.length),
                "the bytes streamed from " + from + " to " + to);
        s.close().block(timeout());
    }

    /** A stream of a range that runs past the end of a 300,000-byte object stops at the end. */
    @Test
    default void streamOfARangeShouldStopAtTheEndOfTheObject() throws Exception {
        byte[] all = content(300_000, 12);
        ByteRangeSource s = sourceFor("range-stream-end.bin", all);
        assertArrayEquals(slice(all, 250_000, 300_000), joined(s.stream(ByteRange.of(250_000, 1 << 20)), 250_000, all.length),
                "the bytes streamed from 250000 to the end");
        s.close().block(timeout());
    }

    /** A stream of a range that starts at the end of the object, or beyond it, completes without bytes. */
    @Test
    default void streamOfARangePastTheEndShouldBeEmpty() throws Exception {
        byte[] all = content(10_000, 13);
        ByteRangeSource s = sourceFor("range-stream-past.bin", all);
        assertEquals(0, joined(s.stream(ByteRange.of(10_000, 100)), 10_000, all.length).length, "bytes at the end");
        assertEquals(0, joined(s.stream(ByteRange.of(50_000, 100)), 50_000, all.length).length, "bytes past the end");
        s.close().block(timeout());
    }

    /**
     * A stream of a whole 32 MiB object that is asked for one answer, and given half a second to
     * run ahead, has received at most 4 MiB ({@link ByteRangeSource#stats()}): a source moves bytes
     * only as there is demand (socket buffers and one read of 1 MiB fit in that bound).
     */
    @Test
    default void streamOfARangeShouldMoveBytesOnlyWithDemand() throws Exception {
        byte[] all = content(32 << 20, 14);
        ByteRangeSource s = sourceFor("range-stream-demand.bin", all);
        long[] received = new long[1];
        StepVerifier.create(s.stream(ByteRange.of(0, all.length)), 0)
                .thenRequest(1)
                .assertNext(first -> assertArrayEquals(slice(all, 0, first.length()), bytesOf(first), "the first answer"))
                .thenAwait(Duration.ofMillis(500))
                .then(() -> received[0] = s.stats().bytesRead())
                .thenCancel()
                .verify(timeout());
        assertTrue(received[0] <= 4 << 20, "bytes received for one answer of a 32 MiB stream: " + received[0]);
        s.close().block(timeout());
    }

    /**
     * A stream of a 4 MiB object cancelled after its first answer gives back what it holds: a read
     * and a new stream of the same source then answer with the right bytes within {@link #timeout()}.
     */
    @Test
    default void cancelledStreamShouldLeaveTheSourceUsable() throws Exception {
        byte[] all = content(4 << 20, 15);
        ByteRangeSource s = sourceFor("range-stream-cancel.bin", all);
        StepVerifier.create(s.stream(ByteRange.of(0, all.length)), 0)
                .thenRequest(1)
                .expectNextCount(1)
                .thenCancel()
                .verify(timeout());
        assertArrayEquals(slice(all, 100, 200), bytesOf(read(s, ByteRange.of(100, 100))), "the bytes of a read after it");
        assertArrayEquals(slice(all, 3 << 20, 4 << 20), joined(s.stream(ByteRange.of(3 << 20, 1 << 20)), 3 << 20, all.length),
                "the bytes of a stream after it");
        s.close().block(timeout());
    }

    /**
     * {@link ByteRangeSource#readRanges} of 60 ranges of a 1 MiB object, given in shuffled order
     * (20 of 1,000 bytes 3,000 apart, 20 more from 600,000, 18 scattered, one overlapping another,
     * one that runs past the end and one past it): one answer per range, in offset order, each the
     * exact slice (shorter or empty at the end), in fewer requests than ranges.
     */
    @Test
    default void readRangesShouldGiveExactSlicesInOffsetOrderInFewerRequests() throws Exception {
        byte[] all = content(1 << 20, 16);
        ByteRangeSource s = sourceFor("ranges.bin", all);
        List<ByteRange> wanted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            wanted.add(ByteRange.of(i * 3_000L, 1_000));
            wanted.add(ByteRange.of(600_000 + i * 3_000L, 1_000));
        }
        Random random = new Random(17);
        for (int i = 0; i < 18; i++) {
            wanted.add(ByteRange.of(random.nextInt(all.length - 5_000), 1 + random.nextInt(5_000)));
        }
        wanted.add(ByteRange.of(500, 4_000));
        wanted.add(ByteRange.of(all.length - 100, 1_000));
        wanted.add(ByteRange.of(all.length + 10_000, 1_000));
        Collections.shuffle(wanted, random);
        List<ByteRange> expected = new ArrayList<>(wanted);
        expected.sort(Comparator.comparingLong(ByteRange::offset).thenComparingLong(ByteRange::length));

        List<RangeBytes> answers = s.readRanges(wanted, Coalescing.defaults().withMaxGap(4_096)).collectList().block(timeout());

        assertNotNull(answers, "readRanges completed without answers");
        assertEquals(expected.stream().map(ByteRange::offset).toList(), answers.stream().map(RangeBytes::offset).toList(),
                "the offsets of the answers, one per range, in offset order");
        for (int i = 0; i < expected.size(); i++) {
            ByteRange r = expected.get(i);
            int from = (int) Math.min(r.offset(), all.length);
            int to = (int) Math.min(r.end(), all.length);
            assertArrayEquals(slice(all, from, to), bytesOf(answers.get(i)), "the bytes of " + r);
        }
        long requests = s.stats().requests();
        assertTrue(requests >= 1 && requests < wanted.size(), "requests for " + wanted.size() + " ranges: " + requests);
        s.close().block(timeout());
    }

    /**
     * {@link ByteRangeSource#pinned} to the validator of the object's own first answer (what a walk
     * does): the pinned source reads what the source reads, with the same validator, and closing it
     * leaves the source usable. Without a validator there is nothing to pin to and the source itself is read.
     */
    @Test
    default void readsPinnedToTheObjectsOwnValidatorShouldReadAsBefore() throws Exception {
        ByteRangeSource s = sourceFor("pinned.bin", content(100_000, 18));
        ByteRange range = ByteRange.of(2_000, 5_000);
        RangeBytes first = read(s, range);

        ByteRangeSource pinned = first.validator().map(s::pinned).orElse(s);
        RangeBytes again = read(pinned, range);

        assertNotNull(pinned, "pinned returned null");
        assertEquals(first.offset(), again.offset(), "the offset of the pinned read");
        assertArrayEquals(bytesOf(first), bytesOf(again), "the bytes of the pinned read of " + range);
        assertEquals(first.validator(), again.validator(), "the validator of the pinned read");
        if (pinned != s) {
            pinned.close().block(timeout());
        }
        assertArrayEquals(bytesOf(first), bytesOf(read(s, range)), "a read of the source after the pinned one was closed");
        s.close().block(timeout());
    }
}

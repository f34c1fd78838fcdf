package org.astrocloud.fits.internal.walk;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.testkit.ForwardingSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Every walk makes progress or ends (issue 15): a source that claims an absurd size, changes the
 * size, or sends nothing where it says it has bytes ends the walk with a typed error within a few
 * requests; over a source that gives no size, a size is never invented, so a file cut inside its
 * last data unit is a {@link TruncatedFileException} as it would be with a known size.
 *
 * <p>The file: a primary header (one block) with an 8-bit image of 385,920 bytes (134 blocks, no
 * padding), so its data runs from 2,880 to 388,800; then an IMAGE extension header at 388,800 with
 * no data. Cut at 385,000, the primary's data unit is incomplete.
 */
class WalkProgressTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int DATA = 385_920;
    private static final long DATA_END = 2880 + DATA;
    private static final WalkSettings SETTINGS = new WalkSettings(64 * 1024, 8 * 1024 * 1024);

    private static byte[] file() {
        byte[] primary = header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", DATA),
                card("EXTEND", true));
        byte[] ext = header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0),
                card("GCOUNT", 1));
        return concat(primary, new byte[DATA], ext);
    }

    /** The in-memory object {@code bytes}, answered with what {@code answer} makes of each range; counts its reads. */
    private static final class LyingSource extends ForwardingSource {
        interface Answer {
            RangeBytes of(byte[] bytes, ByteRange range);
        }

        private final byte[] bytes;
        private final Answer answer;
        private final AtomicInteger reads = new AtomicInteger();

        LyingSource(byte[] bytes, Answer answer) {
            super(MemoryByteRangeSource.of(URI.create("mem:/lying.fits"), bytes));
            this.bytes = bytes;
            this.answer = answer;
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            return Mono.fromCallable(() -> {
                reads.incrementAndGet();
                return answer.of(bytes, range);
            });
        }
    }

    private static ByteBuffer slice(byte[] bytes, ByteRange range) {
        int from = (int) Math.min(range.offset(), bytes.length);
        int to = (int) Math.min(range.offset() + range.length(), bytes.length);
        return ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to));
    }

    private static List<HeaderUnit> walkUntilError(LyingSource source, Class<? extends Throwable> error) {
        List<HeaderUnit> headers = new java.util.ArrayList<>();
        StepVerifier.create(HduWalker.walk(source, SETTINGS, new WalkReport()).doOnNext(headers::add))
                .thenConsumeWhile(h -> true)
                .expectError(error)
                .verify(TIMEOUT);
        return headers;
    }

    @Test
    void aSizeOfTwoToTheSixtySecondWithNothingPastTheRealEndShouldEndTheWalkTyped() {
        long claimed = 1L << 62;
        LyingSource s = new LyingSource(file(), (b, r) -> RangeBytes.of(r.offset(), slice(b, r), claimed));

        List<HeaderUnit> headers = walkUntilError(s, PermanentSourceException.class);

        // the primary comes first; the read of the extension is the fault: 2,880 bytes where 65,536 were asked
        // for of an object said to hold 2^62, so the walk ends there instead of asking again forever
        assertEquals(1, headers.size());
        assertTrue(s.reads.get() <= 4, "a few requests: " + s.reads.get());
    }

    @Test
    void aSizeThatChangesDuringTheWalkShouldEndItTyped() {
        AtomicInteger call = new AtomicInteger();
        byte[] bytes = file();
        LyingSource s = new LyingSource(bytes, (b, r) -> RangeBytes.of(r.offset(), slice(b, r),
                call.getAndIncrement() == 0 ? b.length : b.length + 2880L));

        List<HeaderUnit> headers = walkUntilError(s, PermanentSourceException.class);

        assertEquals(1, headers.size());
    }

    @Test
    void fewerBytesThanAskedWhereTheObjectHasThemShouldEndTheWalkTyped() {
        byte[] bytes = file();
        LyingSource s = new LyingSource(bytes, (b, r) -> RangeBytes.of(r.offset(),
                ByteBuffer.wrap(Arrays.copyOfRange(b, (int) r.offset(), (int) r.offset() + 80)), b.length));

        walkUntilError(s, PermanentSourceException.class);

        assertEquals(1, s.reads.get(), "no second try of a read that cannot add bytes");
    }

    @Test
    void aFileCutInItsLastDataUnitOverASourceWithoutSizesShouldBeTruncated() {
        byte[] cut = Arrays.copyOf(file(), 385_000);
        LyingSource s = new LyingSource(cut, (b, r) -> RangeBytes.ofUnknownSize(r.offset(), slice(b, r)));

        List<HeaderUnit> headers = walkUntilError(s, TruncatedFileException.class);

        assertEquals(1, headers.size());
        assertEquals(DATA_END, headers.get(0).dataEnd());
    }

    @Test
    void aCompleteFileOverASourceWithoutSizesShouldEndCleanlyWithoutAnInventedSize() {
        byte[] whole = Arrays.copyOf(file(), (int) DATA_END);   // the extension left out: the file ends after the data
        LyingSource s = new LyingSource(whole, (b, r) -> RangeBytes.ofUnknownSize(r.offset(), slice(b, r)));
        WalkReport report = new WalkReport();

        StepVerifier.create(HduWalker.walk(s, SETTINGS, report))
                .expectNextCount(1)
                .verifyComplete();
        assertTrue(report.size().isEmpty(), "no size made up: " + report.size());
    }
}

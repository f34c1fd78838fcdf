package org.astrocloud.fits.internal.walk;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comments;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.data;
import static org.astrocloud.fits.testkit.FitsBytes.gzip;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.astrocloud.fits.testkit.FitsBytes.unpaddedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.RecordingSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The walk's state machine over an in-memory object, with every range it asks for recorded.
 * The files are written here and their layouts worked out by hand:
 *
 * <pre>
 * two HDUs:   primary header 0-2880, 200 data bytes at 2880 in one block; IMAGE header 5760-8640,
 *             100 data bytes at 8640 in one block; the file ends at 11520
 * tall:       primary header of 16 blocks (0-46080, END in card 555), no data; IMAGE header
 *             46080-48960, no data; the file ends at 48960
 * </pre>
 */
class HduWalkerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int BLOCK = 2880;
    private static final WalkSettings ONE_BLOCK = new WalkSettings(BLOCK, 8 * 1024 * 1024);
    private static final WalkSettings SIXTY_FOUR_KIB = new WalkSettings(64 * 1024, 8 * 1024 * 1024);

    private static URI mem(String name) {
        return URI.create("mem:/" + name + ".fits");
    }

    private static RecordingSource source(String name, byte[] bytes) {
        return new RecordingSource(MemoryByteRangeSource.of(mem(name), bytes));
    }

    private static byte[] twoHdus() {
        return concat(
                header(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 2), card("NAXIS1", 10),
                        card("NAXIS2", 10), card("EXTEND", true)),
                data(200),
                header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 100),
                        card("PCOUNT", 0), card("GCOUNT", 1)),
                data(100));
    }

    /** A primary header of 16 blocks: 3 structural cards, 552 comments, END as card 555 (block 16). */
    private static byte[] tall() {
        List<String> cards = new ArrayList<>(List.of(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0)));
        cards.addAll(comments(552));
        return concat(header(cards), header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 0),
                card("PCOUNT", 0), card("GCOUNT", 1)));
    }

    private static boolean at(HeaderUnit h, int index, long offset, long dataOffset, long nextOffset) {
        return h.index() == index && h.headerOffset() == offset && h.dataOffset() == dataOffset
                && h.nextOffset() == nextOffset;
    }

    // ---------------------------------------------------------------- exact ranges

    @Test
    void twoHdusWithAOneBlockReadAheadShouldReadEachHeaderOnce() {
        RecordingSource s = source("two", twoHdus());
        WalkReport report = new WalkReport();
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, report))
                .expectNextMatches(h -> at(h, 0, 0, 2880, 5760) && h.dataSize() == 200)
                .expectNextMatches(h -> at(h, 1, 5760, 8640, 11520) && h.dataSize() == 100)
                .verifyComplete();
        // the first block holds the primary header; the data block 2880-5760 is never read
        assertEquals(List.of(ByteRange.of(0, 2880), ByteRange.of(5760, 2880)), s.ranges());
        assertEquals(OptionalLong.of(11_520), report.size());
        assertEquals(OptionalLong.of(0), report.trailingBytes());
    }

    @Test
    void twoHdusWithinTheReadAheadShouldCostOneRead() {
        RecordingSource s = source("two-64k", twoHdus());
        StepVerifier.create(HduWalker.walk(s, SIXTY_FOUR_KIB, new WalkReport()))
                .expectNextMatches(h -> at(h, 0, 0, 2880, 5760))
                .expectNextMatches(h -> at(h, 1, 5760, 8640, 11520))
                .verifyComplete();
        // the size is unknown before the first read: 64 KiB are asked for, 11520 come back
        assertEquals(List.of(ByteRange.of(0, 65_536)), s.ranges());
    }

    @Test
    void sixteenBlockHeaderShouldCostFiveReadsWithAOneBlockReadAhead() {
        RecordingSource s = source("tall", tall());
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, new WalkReport()))
                .expectNextMatches(h -> at(h, 0, 0, 46_080, 46_080) && h.bytes().length == 16 * BLOCK)
                .expectNextMatches(h -> at(h, 1, 46_080, 48_960, 48_960))
                .verifyComplete();
        // each read of the header is at least as long as what it already holds: 1, 1, 2, 4, 8 blocks
        // (1 + 1 + 2 + 4 + 8 = 16), then one block for the extension
        assertEquals(List.of(ByteRange.of(0, 2880), ByteRange.of(2880, 2880), ByteRange.of(5760, 5760),
                ByteRange.of(11_520, 11_520), ByteRange.of(23_040, 23_040), ByteRange.of(46_080, 2880)),
                s.ranges());
    }

    // ---------------------------------------------------------------- demand

    @Test
    void nothingShouldBeReadBeforeDemandAndEachHeaderOnlyWhenAskedFor() {
        RecordingSource s = source("demand", twoHdus());
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, new WalkReport()), 0)
                .expectSubscription()
                .then(() -> assertEquals(List.of(), s.ranges(), "no read before demand"))
                .thenRequest(1)
                .expectNextMatches(h -> h.index() == 0)
                .then(() -> assertEquals(List.of(ByteRange.of(0, 2880)), s.ranges(), "no read for HDU 1 yet"))
                .thenRequest(1)
                .expectNextMatches(h -> h.index() == 1)
                .then(() -> assertEquals(2, s.ranges().size()))
                .thenRequest(1)
                .verifyComplete();
        assertEquals(2, s.ranges().size(), "the end is known from the size: no read past it");
    }

    @Test
    void cancelShouldStopTheReadInFlightAndAllFurtherReads() {
        RecordingSource s = new RecordingSource(new ForwardingSource(MemoryByteRangeSource.of(mem("hang"), twoHdus())) {
            @Override
            public Mono<RangeBytes> read(ByteRange range) {
                return Mono.never();
            }
        });
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, new WalkReport()))
                .expectSubscription()
                .then(() -> assertEquals(List.of(ByteRange.of(0, 2880)), s.ranges()))
                .thenCancel()
                .verify(TIMEOUT);
        assertEquals(1, s.cancelledReads(), "the read in flight is cancelled");
        assertEquals(1, s.ranges().size(), "no read after cancel");
    }

    @Test
    void cancelAfterAHeaderShouldReadNothingMore() {
        RecordingSource s = source("cancel-after", twoHdus());
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, new WalkReport()), 1)
                .expectNextMatches(h -> h.index() == 0)
                .thenCancel()
                .verify(TIMEOUT);
        assertEquals(List.of(ByteRange.of(0, 2880)), s.ranges());
    }

    // ---------------------------------------------------------------- gzip, trailing bytes, truncation

    @Test
    void gzipObjectShouldBeWalkedByTheGzipWalkInOneStream() {
        RecordingSource s = source("two.gz", gzip(twoHdus()));
        WalkReport report = new WalkReport();
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, report))
                .expectNextMatches(h -> at(h, 0, 0, 2880, 5760) && "gzip".equals(h.compression()))
                .expectNextMatches(h -> at(h, 1, 5760, 8640, 11520) && "gzip".equals(h.compression()))
                .verifyComplete();
        // one read finds the gzip magic, then one stream from the start, in 256 KiB chunks: the
        // compressed file is smaller than one
        assertEquals(List.of(ByteRange.of(0, 2880), ByteRange.of(0, 256 * 1024)), s.ranges());
        assertEquals(OptionalLong.of(11_520), report.size(), "the decompressed size");
        assertEquals(OptionalLong.of(0), report.trailingBytes());
    }

    @Test
    void trailingBytesShouldBeReported() {
        byte[] trailing = ("x".repeat(51) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(52, trailing.length);
        RecordingSource s = source("trailing", concat(twoHdus(), trailing));
        WalkReport report = new WalkReport();
        StepVerifier.create(HduWalker.walk(s, ONE_BLOCK, report))
                .expectNextCount(2)
                .verifyComplete();
        assertEquals(OptionalLong.of(52), report.trailingBytes());
        assertEquals(OptionalLong.of(11_572), report.size());
        // after HDU 1, the read at 11520 is clipped to the 52 bytes left
        assertEquals(List.of(ByteRange.of(0, 2880), ByteRange.of(5760, 2880), ByteRange.of(11_520, 52)),
                s.ranges());
    }

    @Test
    void truncatedLastDataUnitShouldFailAfterItsHeader() {
        // IMAGE header at 5760, 10000 data bytes declared at 8640, 3000 present: the file ends at 11640
        byte[] bytes = concat(
                header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 200)),
                data(200),
                header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 10_000),
                        card("PCOUNT", 0), card("GCOUNT", 1)),
                unpaddedData(3000));
        assertEquals(11_640, bytes.length);
        StepVerifier.create(HduWalker.walk(source("truncated", bytes), ONE_BLOCK, new WalkReport()))
                .expectNextMatches(h -> at(h, 0, 0, 2880, 5760))
                .expectNextMatches(h -> at(h, 1, 5760, 8640, 20_160) && h.dataEnd() == 18_640)
                .expectErrorSatisfies(e -> {
                    TruncatedFileException t = assertInstanceOf(TruncatedFileException.class, e);
                    assertEquals(OptionalInt.of(1), t.hdu());
                    assertEquals(OptionalLong.of(11_640), t.offset());
                })
                .verify(TIMEOUT);
    }

    @Test
    void walkShouldBeColdAndStartAfreshOnEachSubscription() {
        RecordingSource s = source("cold", twoHdus());
        var headers = HduWalker.walk(s, ONE_BLOCK, new WalkReport());
        assertEquals(0, s.ranges().size());
        StepVerifier.create(headers).expectNextCount(2).verifyComplete();
        StepVerifier.create(headers).expectNextCount(2).verifyComplete();
        assertEquals(4, s.ranges().size());
    }
}

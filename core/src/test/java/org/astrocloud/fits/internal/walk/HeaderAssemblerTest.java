package org.astrocloud.fits.internal.walk;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comments;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.data;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.headerWithNulPadding;
import static org.astrocloud.fits.testkit.FitsBytes.headerWithoutEnd;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.EmptyFileException;
import org.astrocloud.fits.error.HeaderTooLargeException;
import org.astrocloud.fits.error.MissingEndException;
import org.astrocloud.fits.error.NotFitsException;
import org.astrocloud.fits.error.TruncatedHeaderException;
import org.astrocloud.fits.internal.walk.HeaderAssembler.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One header assembled from bytes fed in pieces. The layouts are worked out by hand:
 *
 * <pre>
 * primary   at     0: 5 structural + 40 comment cards + END = 46 cards = 2 blocks (5760);
 *                     BITPIX 16, 100 x 50: 10000 data bytes at 5760, padded to 4 blocks (11520); next at 17280
 * extension at 17280: 8 cards + END = 1 block; BITPIX -32, 300 x 20: 24000 bytes at 20160,
 *                     padded to 9 blocks (25920); next at 46080
 * </pre>
 */
class HeaderAssemblerTest {
    private static final URI URI_ = URI.create("mem:/assembler.fits");
    private static final int BLOCK = 2880;
    private static final int CARD = 80;
    private static final int CAP = 8 * 1024 * 1024;
    /** Where the extension of {@link #extensionHeader()} lies: after the primary's 2 + 4 blocks. */
    private static final long EXT = 17_280;

    private static byte[] primaryHeader() {
        List<String> cards = new ArrayList<>(List.of(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 2),
                card("NAXIS1", 100), card("NAXIS2", 50)));
        cards.addAll(comments(40));
        return header(cards);
    }

    private static byte[] extensionHeader() {
        return header(card("XTENSION", str("IMAGE")), card("BITPIX", -32), card("NAXIS", 2), card("NAXIS1", 300),
                card("NAXIS2", 20), card("PCOUNT", 0), card("GCOUNT", 1), card("EXTNAME", str("SCI")));
    }

    /** A primary header whose END is card {@code endCard} (0-based): the cards before it are comments. */
    private static byte[] primaryWithEndAt(int endCard) {
        List<String> cards = new ArrayList<>(List.of(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0)));
        cards.addAll(comments(endCard - 3));
        return header(cards);
    }

    private static HeaderAssembler assembler(int index, long offset) {
        return assembler(index, offset, CAP);
    }

    private static HeaderAssembler assembler(int index, long offset, int cap) {
        HeaderAssembler a = new HeaderAssembler(URI_, cap, null, "file");
        a.begin(index, offset);
        return a;
    }

    /** Feeds {@code input} in pieces of {@code chunk} until the header stops needing bytes; returns the bytes taken. */
    private static int feed(HeaderAssembler a, byte[] input, int chunk) {
        int at = 0;
        while (at < input.length && a.progress() == Progress.NEEDS_BYTES) {
            int n = Math.min(chunk, input.length - at);
            int taken = a.accept(input, at, n);
            assertTrue(taken <= n, "took more than offered");
            at += taken;
            if (taken < n) {
                break;
            }
        }
        return at;
    }

    private static void assertLocated(AstroCloudException e, int hdu, long offset) {
        assertEquals(OptionalInt.of(hdu), e.hdu(), e::getMessage);
        assertEquals(OptionalLong.of(offset), e.offset(), e::getMessage);
    }

    // ---------------------------------------------------------------- any chunking, same header

    @ParameterizedTest
    @ValueSource(ints = {1, 80, 2879, 2880, 1 << 20})
    void primaryShouldBeTheSameHeaderWhateverTheChunking(int chunk) {
        byte[] input = concat(primaryHeader(), data(10_000));
        HeaderAssembler a = assembler(0, 0);

        assertEquals(5760, feed(a, input, chunk), "the header's two blocks and not a byte of data");
        assertSame(Progress.COMPLETE, a.progress());
        HeaderUnit h = a.header();
        assertEquals(0, h.index());
        assertEquals(0, h.headerOffset());
        assertEquals(5760, h.bytes().length);
        assertArrayEquals(primaryHeader(), h.bytes());
        assertEquals(5760, h.dataOffset());
        assertEquals(10_000, h.dataSize());
        assertEquals(11_520, h.paddedDataSize());
        assertEquals(15_760, h.dataEnd());
        assertEquals(17_280, h.nextOffset());
        assertEquals(45, h.structure().cardCount());
        assertNull(h.compression());
        assertEquals(URI_, h.uri());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 80, 2879, 2880, 1 << 20})
    void extensionShouldBeTheSameHeaderWhateverTheChunking(int chunk) {
        byte[] input = concat(extensionHeader(), data(24_000));
        HeaderAssembler a = assembler(1, EXT);

        assertEquals(BLOCK, feed(a, input, chunk));
        HeaderUnit h = a.header();
        assertEquals(1, h.index());
        assertEquals(EXT, h.headerOffset());
        assertEquals(20_160, h.dataOffset());
        assertEquals(24_000, h.dataSize());
        assertEquals(25_920, h.paddedDataSize());
        assertEquals(46_080, h.nextOffset());
        assertEquals("IMAGE", h.structure().xtension());
    }

    @Test
    void assemblerShouldStartAfreshOnEachHeader() {
        HeaderAssembler a = assembler(0, 0);
        byte[] primary = primaryHeader();
        assertEquals(5760, a.accept(primary, 0, primary.length));
        assertEquals(17_280, a.header().nextOffset());

        a.begin(1, EXT);
        assertSame(Progress.NEEDS_BYTES, a.progress());
        assertEquals(0, a.held());
        byte[] ext = extensionHeader();
        assertEquals(BLOCK, a.accept(ext, 0, ext.length));
        assertEquals(46_080, a.header().nextOffset());
    }

    @Test
    void gzipAssemblerShouldMarkItsHeaders() {
        HeaderAssembler a = new HeaderAssembler(URI_, CAP, "gzip", "decompressed stream");
        a.begin(0, 0);
        byte[] primary = primaryHeader();
        a.accept(primary, 0, primary.length);
        assertEquals("gzip", a.header().compression());
    }

    // ---------------------------------------------------------------- where END lies

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void endInBlockKShouldMakeAHeaderOfKBlocks(int k) {
        // END as the first card of block k (card 36(k-1)) and as its last (card 36k - 1), except in block 1
        // whose first card is SIMPLE
        for (int endCard : new int[] {Math.max(3, 36 * (k - 1)), 36 * k - 1}) {
            byte[] header = primaryWithEndAt(endCard);
            assertEquals(k * BLOCK, header.length, "the test's own header");
            byte[] input = concat(header, data(5000));
            for (int chunk : new int[] {1, 80, 2880, input.length}) {
                HeaderAssembler a = assembler(0, 0);
                assertEquals(k * BLOCK, feed(a, input, chunk), () -> "END at card " + endCard);
                assertEquals(k * BLOCK, a.header().bytes().length);
            }
        }
    }

    @Test
    void wantedShouldBeTheRestOfTheCardThenTheRestOfTheLastBlock() {
        // END is card 45, bytes 3600-3680 of a 5760-byte header
        byte[] header = primaryHeader();
        HeaderAssembler a = assembler(0, 0);
        assertEquals(CARD, a.wanted());
        a.accept(header, 0, 100);
        assertEquals(60, a.wanted(), "the rest of card 1");
        a.accept(header, 100, 3580);
        assertEquals(3680, a.held());
        assertEquals(5760 - 3680, a.wanted(), "END known: the rest of block 2");
        assertSame(Progress.NEEDS_BYTES, a.progress());
        assertEquals(5760 - 3680, a.accept(header, 3680, 2080));
        assertSame(Progress.COMPLETE, a.progress());
        assertEquals(0, a.wanted());
    }

    @Test
    void completeHeaderShouldTakeNoMoreBytes() {
        HeaderAssembler a = assembler(0, 0);
        byte[] input = concat(primaryHeader(), data(10_000));
        assertEquals(5760, a.accept(input, 0, input.length));
        assertEquals(0, a.accept(input, 5760, 100), "nothing past the header");
        assertEquals(5760, a.held());
    }

    @Test
    void endFollowedByNulsShouldBeAccepted() {
        byte[] header = headerWithNulPadding(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0));
        assertEquals(BLOCK, header.length);
        HeaderAssembler a = assembler(0, 0);
        assertEquals(BLOCK, feed(a, concat(header, data(100)), 1));
        assertEquals(3, a.header().structure().cardCount());
    }

    @Test
    void headerShouldNotBeBuiltBeforeItIsComplete() {
        HeaderAssembler a = assembler(0, 0);
        a.accept(primaryHeader(), 0, BLOCK);
        assertThrows(IllegalStateException.class, a::header);
    }

    // ---------------------------------------------------------------- first card

    @Test
    void primaryNotStartingWithSimpleShouldNotBeFits() {
        byte[] notFits = extensionHeader();
        HeaderAssembler a = assembler(0, 0);
        assertEquals(79, a.accept(notFits, 0, 79), "the first card is not complete yet");
        NotFitsException e = assertThrows(NotFitsException.class, () -> a.accept(notFits, 79, 1));
        assertLocated(e, 0, 0);
    }

    @Test
    void textShouldNotBeFits() {
        byte[] text = "Not a FITS file at all, only some text. ".repeat(10).getBytes(StandardCharsets.US_ASCII);
        assertThrows(NotFitsException.class, () -> assembler(0, 0).accept(text, 0, text.length));
    }

    @Test
    void extensionNotStartingWithXtensionShouldNotBeAHeader() {
        byte[] zeros = new byte[5000];
        HeaderAssembler a = assembler(2, 46_080);
        a.accept(zeros, 0, zeros.length);
        assertSame(Progress.NOT_A_HEADER, a.progress());
        assertNull(a.endedAt(46_080 + 5000), "trailing bytes are no error");
    }

    @Test
    void simpleInAnExtensionsPlaceShouldNotBeAHeader() {
        byte[] primary = primaryHeader();
        HeaderAssembler a = assembler(1, EXT);
        a.accept(primary, 0, primary.length);
        assertSame(Progress.NOT_A_HEADER, a.progress());
    }

    // ---------------------------------------------------------------- the cap

    @ParameterizedTest
    @ValueSource(ints = {1, 2880, 1 << 20})
    void noEndWithinTheCapShouldBeTooLarge(int chunk) {
        // END is card 72, the first of block 3; the cap is 2 blocks, reached without END
        byte[] ext = extensionHeaderCardsWithEndAt(72);
        assertEquals(3 * BLOCK, ext.length, "the test's own header");
        HeaderAssembler a = assembler(1, EXT, 2 * BLOCK);
        HeaderTooLargeException e = assertThrows(HeaderTooLargeException.class, () -> feed(a, ext, chunk));
        assertLocated(e, 1, EXT);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2880, 1 << 20})
    void endFoundBeyondTheCapShouldBeTooLarge(int chunk) {
        // the cap is 2 blocks and a card (5840): END in card 72 gives a 3-block header (8640)
        HeaderAssembler a = assembler(0, 0, 2 * BLOCK + CARD);
        byte[] input = primaryWithEndAt(72);
        HeaderTooLargeException e = assertThrows(HeaderTooLargeException.class, () -> feed(a, input, chunk));
        assertLocated(e, 0, 0);
    }

    @Test
    void headerOfExactlyTheCapShouldBeAccepted() {
        // END is card 71, the last of block 2: a 2-block header under a 2-block cap
        HeaderAssembler a = assembler(0, 0, 2 * BLOCK);
        byte[] input = primaryWithEndAt(71);
        assertEquals(2 * BLOCK, feed(a, input, 1));
        assertEquals(2 * BLOCK, a.header().bytes().length);
    }

    /** An IMAGE extension header whose END is card {@code endCard}. */
    private static byte[] extensionHeaderCardsWithEndAt(int endCard) {
        List<String> cards = new ArrayList<>(List.of(card("XTENSION", str("IMAGE")), card("BITPIX", 8),
                card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1)));
        cards.addAll(comments(endCard - 5));
        return header(cards);
    }

    // ---------------------------------------------------------------- how a cut-short input ended

    @Test
    void nothingAtAllShouldBeAnEmptyFile() {
        EmptyFileException e = assertInstanceOf(EmptyFileException.class, assembler(0, 0).endedAt(0));
        assertLocated(e, 0, 0);
    }

    @Test
    void nothingAfterTheLastHduShouldBeNoError() {
        assertNull(assembler(1, EXT).endedAt(EXT));
    }

    @Test
    void lessThanACardShouldNotBeFitsInThePrimaryAndTrailingBytesAfterIt() {
        byte[] header = primaryHeader();
        HeaderAssembler primary = assembler(0, 0);
        primary.accept(header, 0, 79);
        assertInstanceOf(NotFitsException.class, primary.endedAt(79));

        HeaderAssembler ext = assembler(1, EXT);
        ext.accept(extensionHeader(), 0, 79);
        assertNull(ext.endedAt(EXT + 79), "fewer bytes than a card after the last HDU: trailing bytes");
    }

    @Test
    void lastBlockCutShortAfterEndShouldBeATruncatedHeader() {
        // END is card 8 of the extension (bytes 640-720); the input stops at 1000
        HeaderAssembler a = assembler(1, EXT);
        a.accept(extensionHeader(), 0, 1000);
        assertSame(Progress.NEEDS_BYTES, a.progress());
        TruncatedHeaderException e = assertInstanceOf(TruncatedHeaderException.class, a.endedAt(EXT + 1000));
        assertLocated(e, 1, EXT);
    }

    @Test
    void blockCutShortWithoutEndShouldBeATruncatedHeader() {
        // END is card 45 (bytes 3600-3680); the input stops at 3380, inside block 2, before END
        HeaderAssembler a = assembler(0, 0);
        a.accept(primaryHeader(), 0, 3380);
        assertInstanceOf(TruncatedHeaderException.class, a.endedAt(3380));
    }

    @Test
    void wholeBlocksWithoutEndShouldBeMissingEnd() {
        List<String> cards = new ArrayList<>(List.of(card("XTENSION", str("IMAGE")), card("BITPIX", 8),
                card("NAXIS", 0)));
        cards.addAll(comments(69));
        byte[] noEnd = headerWithoutEnd(cards);
        assertEquals(2 * BLOCK, noEnd.length, "72 cards, no END");
        HeaderAssembler a = assembler(1, EXT);
        assertEquals(2 * BLOCK, a.accept(noEnd, 0, noEnd.length));
        MissingEndException e = assertInstanceOf(MissingEndException.class, a.endedAt(EXT + 2 * BLOCK));
        assertLocated(e, 1, EXT);
    }

    @Test
    void messagesShouldNameTheInput() {
        HeaderAssembler a = new HeaderAssembler(URI_, CAP, "gzip", "decompressed stream");
        a.begin(0, 0);
        a.accept(primaryHeader(), 0, 3380);
        assertTrue(a.endedAt(3380).getMessage().contains("decompressed stream"));
    }

    // ---------------------------------------------------------------- isEnd

    private static byte[] cardOf(String image) {
        return String.format(Locale.ROOT, "%-80s", image).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void endFollowedByBlanksShouldBeEnd() {
        assertTrue(HeaderAssembler.isEnd(cardOf("END"), 0));
    }

    @Test
    void endFollowedByNulsOrBlanksAndAStrayCharacterShouldBeEnd() {
        byte[] nuls = Arrays.copyOf("END".getBytes(StandardCharsets.US_ASCII), CARD);
        assertTrue(HeaderAssembler.isEnd(nuls, 0));
        assertTrue(HeaderAssembler.isEnd(cardOf("END     / the end"), 0));
        assertTrue(HeaderAssembler.isEnd(cardOf("END\0"), 0));
    }

    @Test
    void endFollowedByKeywordCharactersShouldNotBeEnd() {
        for (String s : new String[] {"ENDING", "END_X", "END-1", "END1", "END     A", "ENDX    = 1", "end",
            " END", "EN D", "ENX"}) {
            assertFalse(HeaderAssembler.isEnd(cardOf(s), 0), s);
        }
    }

    @Test
    void isEndShouldLookAtTheGivenCard() {
        byte[] two = concat(cardOf("COMMENT"), cardOf("END"));
        assertFalse(HeaderAssembler.isEnd(two, 0));
        assertTrue(HeaderAssembler.isEnd(two, CARD));
    }
}

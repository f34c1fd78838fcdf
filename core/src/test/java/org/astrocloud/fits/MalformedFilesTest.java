package org.astrocloud.fits;

import org.astrocloud.fits.error.TruncatedHeaderException;
import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.error.NotFitsException;
import org.astrocloud.fits.error.MissingEndException;
import org.astrocloud.fits.error.InvalidKeywordException;
import org.astrocloud.fits.error.HeaderTooLargeException;
import org.astrocloud.fits.error.EmptyFileException;
import org.astrocloud.fits.error.DataSizeOverflowException;
import org.astrocloud.fits.error.AstroCloudException;
import static org.astrocloud.fits.testkit.FitsBytes.BLOCK;
import static org.astrocloud.fits.testkit.FitsBytes.CARD;
import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comments;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.data;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.headerWithoutEnd;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.astrocloud.fits.testkit.FitsBytes.unpaddedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Small hand-made malformed FITS files: each fault is signalled as its own typed error, located
 * by URI, HDU index and byte offset, after every complete HDU before it. Every expected offset is
 * worked out from the layout written here, block by block.
 *
 * <p>Most files start with the same primary HDU: a one-block header and a 200-byte data unit
 * (BITPIX = 16, 10 x 10) padded to one block, so the second HDU starts at byte 5760.
 */
class MalformedFilesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Where the HDU after {@link #primaryWithData()} starts: 1 header block + 1 data block. */
    private static final long EXT = 5760;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- FITS bytes by hand

    /** SIMPLE, BITPIX = 16, NAXIS = 2, 10 x 10: a one-block header and 200 data bytes in one block. */
    private static byte[] primaryWithData() {
        return concat(header(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 2), card("NAXIS1", 10),
                card("NAXIS2", 10), card("EXTEND", true)), data(200));
    }

    /** An IMAGE extension header with these cards after XTENSION (and before END). */
    private static List<String> image(String... cards) {
        List<String> c = new ArrayList<>();
        c.add(card("XTENSION", str("IMAGE")));
        c.addAll(List.of(cards));
        return c;
    }

    // ---------------------------------------------------------------- scanning and checks

    private static URI mem(String name) {
        return URI.create("mem:/" + name + ".fits");
    }

    private static Flux<FitsHeader> scan(URI uri, byte[] bytes) {
        return scan(FitsScanner.create(), uri, bytes);
    }

    private static Flux<FitsHeader> scan(FitsScanner scanner, URI uri, byte[] bytes) {
        return scanner.scan(MemoryByteRangeSource.of(uri, bytes));
    }

    private ScanResult scanFile(String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        ScanResult r = FitsScanner.create().scanFile(file.toUri()).block(TIMEOUT);
        assertTrue(r != null, "no result");
        return r;
    }

    /** Whether {@code h} is the primary HDU written by {@link #primaryWithData()}. */
    private static boolean isStandardPrimary(FitsHeader h) {
        return h.index() == 0 && h.kind() == HduKind.PRIMARY && h.headerOffset() == 0 && h.headerSize() == BLOCK
                && h.dataOffset() == BLOCK && h.dataSize() == 200 && h.paddedDataSize() == BLOCK
                && h.nextOffset() == EXT && h.compression().isEmpty();
    }

    private static void assertFault(Throwable e, Class<? extends AstroCloudException> type, URI uri, int hdu,
                                    long offset) {
        assertInstanceOf(type, e, () -> "expected " + type.getSimpleName() + ", got " + e);
        assertSame(type, e.getClass(), () -> "exact type: " + e);
        AstroCloudException a = (AstroCloudException) e;
        assertEquals(OptionalInt.of(hdu), a.hdu(), () -> "hdu of " + e.getMessage());
        assertEquals(OptionalLong.of(offset), a.offset(), () -> "offset of " + e.getMessage());
        assertEquals(Optional.of(uri), a.uri());
        assertFalse(a.isTransient());
        String m = e.getMessage();
        assertTrue(m.contains(uri.toString()), () -> "uri in " + m);
        assertTrue(m.contains("hdu=" + hdu), () -> "hdu= in " + m);
        assertTrue(m.contains("offset=" + offset), () -> "offset= in " + m);
    }

    /** A file of the standard primary HDU and {@code ext}: expects the primary, then the fault in HDU 1. */
    private static void assertSecondHduFails(String name, byte[] ext, Class<? extends AstroCloudException> type,
                                             long offset) {
        URI uri = mem(name);
        StepVerifier.create(scan(uri, concat(primaryWithData(), ext)))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectErrorSatisfies(e -> assertFault(e, type, uri, 1, offset))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- not FITS, empty

    @Test
    void pngShouldNotBeFits() {
        byte[] png = new byte[300];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(signature, 0, png, 0, signature.length);
        URI uri = mem("png");
        StepVerifier.create(scan(uri, png))
                .expectErrorSatisfies(e -> assertFault(e, NotFitsException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void textShouldNotBeFits() {
        byte[] text = "This is a plain text file, not FITS at all.\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        URI uri = mem("text");
        StepVerifier.create(scan(uri, text))
                .expectErrorSatisfies(e -> assertFault(e, NotFitsException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void textShorterThanOneCardShouldNotBeFits() {
        URI uri = mem("short");
        StepVerifier.create(scan(uri, "hello\n".getBytes(StandardCharsets.US_ASCII)))
                .expectErrorSatisfies(e -> assertFault(e, NotFitsException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void extensionWithoutPrimaryShouldNotBeFits() {
        URI uri = mem("xtension-first");
        byte[] bytes = header(image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1)));
        StepVerifier.create(scan(uri, bytes))
                .expectErrorSatisfies(e -> assertFault(e, NotFitsException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void zeroLengthFileShouldBeEmpty() {
        URI uri = mem("empty");
        StepVerifier.create(scan(uri, new byte[0]))
                .expectErrorSatisfies(e -> assertFault(e, EmptyFileException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- SIMPLE = F

    @Test
    void simpleFalseShouldStillBeWalkedAndMarkedNonConforming() {
        // primary: 1 block, no data; image: header at 2880 (1 block), 100 bytes of data at 5760 in 1 block
        byte[] bytes = concat(
                header(card("SIMPLE", false), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", true)),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 100), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                data(100));
        assertEquals(8640, bytes.length);
        StepVerifier.create(scan(mem("simple-false"), bytes))
                .expectNextMatches(h -> h.index() == 0 && !h.isConforming() && h.kind() == HduKind.PRIMARY
                        && h.headerOffset() == 0 && h.dataSize() == 0 && h.nextOffset() == 2880)
                .expectNextMatches(h -> h.index() == 1 && h.isConforming() && h.kind() == HduKind.IMAGE
                        && h.headerOffset() == 2880 && h.dataOffset() == 5760 && h.dataSize() == 100
                        && h.nextOffset() == 8640)
                .verifyComplete();
    }

    // ---------------------------------------------------------------- END missing or cut short

    @Test
    void primaryWithoutEndShouldFailWithMissingEnd() {
        URI uri = mem("no-end-primary");
        List<String> cards = new ArrayList<>(List.of(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0)));
        cards.addAll(comments(60));
        byte[] bytes = headerWithoutEnd(cards);
        assertEquals(2 * BLOCK, bytes.length);
        StepVerifier.create(scan(uri, bytes))
                .expectErrorSatisfies(e -> assertFault(e, MissingEndException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void extensionWithoutEndShouldFailWithMissingEndAfterThePrimary() {
        // 5 structural + 67 comment cards = 72 cards = exactly 2 blocks, no END, then the end of the file
        List<String> cards = image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1));
        cards.addAll(comments(67));
        byte[] ext = headerWithoutEnd(cards);
        assertEquals(2 * BLOCK, ext.length);
        assertSecondHduFails("no-end", ext, MissingEndException.class, EXT);
    }

    @Test
    void headerCutShortWithEndInThePartialBlockShouldFailWithTruncatedHeader() {
        // the image header's END is card 5 (bytes 400-480 of the header); the file stops 1000 bytes into it
        byte[] ext = Arrays.copyOf(header(image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0),
                card("GCOUNT", 1))), 1000);
        assertSecondHduFails("cut-with-end", ext, TruncatedHeaderException.class, EXT);
    }

    @Test
    void headerCutShortWithoutEndShouldFailWithTruncatedHeader() {
        // 5 + 45 = 50 cards, END is card 50 (bytes 4000-4080); the file stops at 3380, mid-card 42 of block 2
        List<String> cards = image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1));
        cards.addAll(comments(45));
        byte[] full = header(cards);
        assertEquals(2 * BLOCK, full.length);
        assertSecondHduFails("cut-without-end", Arrays.copyOf(full, BLOCK + 500), TruncatedHeaderException.class,
                EXT);
    }

    @Test
    void primaryHeaderCutShortShouldFailWithTruncatedHeader() {
        URI uri = mem("cut-primary");
        byte[] bytes = Arrays.copyOf(header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0)), 1000);
        StepVerifier.create(scan(uri, bytes))
                .expectErrorSatisfies(e -> assertFault(e, TruncatedHeaderException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- header size cap

    /** The standard primary, then an image header of 10 blocks (5 + 354 cards + END = 360 cards) and no data. */
    private static byte[] tenBlockExtension() {
        List<String> cards = image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1));
        cards.addAll(comments(354));
        byte[] ext = header(cards);
        assertEquals(10 * BLOCK, ext.length);
        return concat(primaryWithData(), ext);
    }

    @Test
    void headerLargerThanTheCapShouldFailWithHeaderTooLarge() {
        URI uri = mem("too-large");
        StepVerifier.create(scan(FitsScanner.create().maxHeaderSize(BLOCK * 4), uri, tenBlockExtension()))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectErrorSatisfies(e -> assertFault(e, HeaderTooLargeException.class, uri, 1, EXT))
                .verify(TIMEOUT);
    }

    @Test
    void headerLargerThanTheCapShouldFailWithHeaderTooLargeWhenReadBlockByBlock() {
        URI uri = mem("too-large-small-reads");
        FitsScanner scanner = FitsScanner.create().maxHeaderSize(BLOCK * 4).readAhead(BLOCK);
        StepVerifier.create(scan(scanner, uri, tenBlockExtension()))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectErrorSatisfies(e -> assertFault(e, HeaderTooLargeException.class, uri, 1, EXT))
                .verify(TIMEOUT);
    }

    @Test
    void tenBlockHeaderShouldWalkUnderTheDefaultCap() {
        StepVerifier.create(scan(mem("ten-blocks"), tenBlockExtension()))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectNextMatches(h -> h.index() == 1 && h.headerOffset() == EXT && h.headerSize() == 10 * BLOCK
                        && h.dataSize() == 0 && h.nextOffset() == EXT + 10 * BLOCK && h.cardCount() == 359)
                .verifyComplete();
    }

    // ---------------------------------------------------------------- data past the end, missing padding

    @Test
    void dataRunningPastTheEndShouldFailWithTruncatedFileForThatHdu() {
        // image header at 5760 (1 block), 10000 data bytes declared at 8640, only 3000 present: the file ends at 11640
        URI uri = mem("truncated-data");
        byte[] bytes = concat(primaryWithData(),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 10000), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                unpaddedData(3000));
        assertEquals(11640, bytes.length);
        StepVerifier.create(scan(uri, bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectNextMatches(h -> h.index() == 1 && h.headerOffset() == EXT && h.dataOffset() == 8640
                        && h.dataSize() == 10000)
                .expectErrorSatisfies(e -> assertFault(e, TruncatedFileException.class, uri, 1, 11640))
                .verify(TIMEOUT);
    }

    @Test
    void primaryDataRunningPastTheEndShouldFailWithTruncatedFileForHduZero() {
        // 200 data bytes declared at 2880, 100 present: the file ends at 2980
        URI uri = mem("truncated-primary-data");
        byte[] bytes = Arrays.copyOf(primaryWithData(), 2980);
        StepVerifier.create(scan(uri, bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectErrorSatisfies(e -> assertFault(e, TruncatedFileException.class, uri, 0, 2980))
                .verify(TIMEOUT);
    }

    @Test
    void lastDataUnitWithoutItsPaddingShouldWalkCleanly() throws IOException {
        // image header at 5760, 10000 data bytes at 8640 ending at 18640; the 1520 padding bytes are missing
        byte[] bytes = concat(primaryWithData(),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 10000), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                unpaddedData(10000));
        assertEquals(18640, bytes.length);
        StepVerifier.create(scan(mem("no-padding"), bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectNextMatches(h -> h.index() == 1 && h.dataOffset() == 8640 && h.dataSize() == 10000
                        && h.paddedDataSize() == 11520 && h.nextOffset() == 20160)
                .verifyComplete();

        ScanResult r = scanFile("no-padding.fits", bytes);
        assertTrue(r.isOk(), () -> "error: " + r.error());
        assertEquals(2, r.headers().size());
        assertEquals(OptionalLong.of(18640), r.size());
        assertEquals(OptionalLong.of(0), r.trailingBytes());
    }

    @Test
    void primaryOnlyFileWithoutDataPaddingShouldWalkCleanly() {
        byte[] bytes = Arrays.copyOf(primaryWithData(), 3080);
        StepVerifier.create(scan(mem("primary-no-padding"), bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .verifyComplete();
    }

    // ---------------------------------------------------------------- invalid structural keywords

    @Test
    void bitpixSevenShouldBeInvalid() {
        // BITPIX is card 1 of the header at 5760: byte 5840
        assertSecondHduFails("bitpix-7", header(image(card("BITPIX", 7), card("NAXIS", 0), card("PCOUNT", 0),
                card("GCOUNT", 1))), InvalidKeywordException.class, EXT + CARD);
    }

    @Test
    void bitpixTwentyFourShouldBeInvalid() {
        assertSecondHduFails("bitpix-24", header(image(card("BITPIX", 24), card("NAXIS", 0), card("PCOUNT", 0),
                card("GCOUNT", 1))), InvalidKeywordException.class, EXT + CARD);
    }

    @Test
    void missingBitpixShouldBeInvalid() {
        // no card to point at: the header's own offset
        assertSecondHduFails("no-bitpix", header(image(card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1))),
                InvalidKeywordException.class, EXT);
    }

    @Test
    void missingBitpixInThePrimaryShouldBeInvalid() {
        URI uri = mem("no-bitpix-primary");
        StepVerifier.create(scan(uri, header(card("SIMPLE", true), card("NAXIS", 0))))
                .expectErrorSatisfies(e -> assertFault(e, InvalidKeywordException.class, uri, 0, 0))
                .verify(TIMEOUT);
    }

    @Test
    void naxisThousandShouldBeInvalid() {
        // NAXIS is card 2: byte 5760 + 160
        assertSecondHduFails("naxis-1000", header(image(card("BITPIX", 8), card("NAXIS", 1000), card("PCOUNT", 0),
                card("GCOUNT", 1))), InvalidKeywordException.class, EXT + 2 * CARD);
    }

    @Test
    void negativeNaxisShouldBeInvalid() {
        assertSecondHduFails("naxis-minus-1", header(image(card("BITPIX", 8), card("NAXIS", -1), card("PCOUNT", 0),
                card("GCOUNT", 1))), InvalidKeywordException.class, EXT + 2 * CARD);
    }

    /** An image header whose NAXIS2 card (card 4, byte 5760 + 320) has {@code value}. */
    private static byte[] imageWithNaxis2(String value) {
        return header(image(card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 10), card("NAXIS2", value),
                card("PCOUNT", 0), card("GCOUNT", 1)));
    }

    @Test
    void negativeNaxisNShouldBeInvalid() {
        assertSecondHduFails("naxis2-negative", imageWithNaxis2("-5"), InvalidKeywordException.class,
                EXT + 4 * CARD);
    }

    @Test
    void quotedNonIntegerNaxisNShouldBeInvalid() {
        assertSecondHduFails("naxis2-string", imageWithNaxis2("'2.5'"), InvalidKeywordException.class,
                EXT + 4 * CARD);
    }

    @Test
    void realNaxisNShouldBeInvalid() {
        assertSecondHduFails("naxis2-real", imageWithNaxis2("2.5"), InvalidKeywordException.class, EXT + 4 * CARD);
    }

    @Test
    void missingNaxisNShouldBeInvalid() {
        assertSecondHduFails("no-naxis2", header(image(card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 10),
                card("PCOUNT", 0), card("GCOUNT", 1))), InvalidKeywordException.class, EXT);
    }

    @Test
    void invalidKeywordInTheThirdHduShouldComeAfterTheFirstTwo() {
        // primary 0-5760; image header at 5760 (1 block) with 100 bytes in 1 block; next header at 11520
        URI uri = mem("third-hdu");
        byte[] bytes = concat(primaryWithData(),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 100), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                data(100),
                header(image(card("BITPIX", 24), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1))));
        StepVerifier.create(scan(uri, bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectNextMatches(h -> h.index() == 1 && h.headerOffset() == EXT && h.nextOffset() == 11520)
                .expectErrorSatisfies(e -> assertFault(e, InvalidKeywordException.class, uri, 2, 11520 + CARD))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- size overflow

    @Test
    void overflowingDataSizeShouldFail() {
        assertSecondHduFails("overflow", header(image(card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", Long.MAX_VALUE), card("NAXIS2", Long.MAX_VALUE), card("PCOUNT", 0),
                card("GCOUNT", 1))), DataSizeOverflowException.class, EXT);
    }

    @Test
    void overflowingPaddedSizeShouldFail() {
        // 8-bit, NAXIS1 = 2^63 - 1: the size fits, its padding to whole blocks does not
        assertSecondHduFails("overflow-padding", header(image(card("BITPIX", 8), card("NAXIS", 1),
                card("NAXIS1", Long.MAX_VALUE), card("PCOUNT", 0), card("GCOUNT", 1))),
                DataSizeOverflowException.class, EXT);
    }

    // ---------------------------------------------------------------- trailing bytes

    /** The standard primary, then an image header at 5760 with 100 data bytes in one block: ends at 11520. */
    private static byte[] validTwoHdus() {
        return concat(primaryWithData(),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 100), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                data(100));
    }

    private void assertTrailing(String name, byte[] trailing) throws IOException {
        byte[] bytes = concat(validTwoHdus(), trailing);
        assertEquals(11520 + trailing.length, bytes.length);
        StepVerifier.create(scan(mem(name), bytes))
                .expectNextMatches(MalformedFilesTest::isStandardPrimary)
                .expectNextMatches(h -> h.index() == 1 && h.nextOffset() == 11520)
                .verifyComplete();

        ScanResult r = scanFile(name + ".fits", bytes);
        assertTrue(r.isOk(), () -> "error: " + r.error());
        assertEquals(2, r.headers().size());
        assertEquals(OptionalLong.of(trailing.length), r.trailingBytes());
        assertEquals(OptionalLong.of(bytes.length), r.size());
    }

    @Test
    void trailingZerosShouldEndTheWalkNormally() throws IOException {
        assertTrailing("trailing-zeros", new byte[5000]);
    }

    @Test
    void trailingTextShouldEndTheWalkNormally() throws IOException {
        byte[] text = ("x".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(100, text.length);
        assertTrailing("trailing-text", text);
    }

    @Test
    void trailingBytesShorterThanOneCardShouldEndTheWalkNormally() throws IOException {
        assertTrailing("trailing-short", "END OF TAPE\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void cleanFileShouldHaveNoTrailingBytes() throws IOException {
        ScanResult r = scanFile("clean.fits", validTwoHdus());
        assertTrue(r.isOk(), () -> "error: " + r.error());
        assertEquals(2, r.headers().size());
        assertEquals(OptionalLong.of(0), r.trailingBytes());
        assertEquals(OptionalLong.of(11520), r.size());
    }

    // ---------------------------------------------------------------- scan results of broken files

    @Test
    void scanResultOfABrokenFileShouldKeepTheHeadersReadBeforeTheError() throws IOException {
        // primary 0-5760, image at 5760 ending at 11520, then a third header of 2 blocks without END
        List<String> cards = image(card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1));
        cards.addAll(comments(67));
        byte[] bytes = concat(validTwoHdus(), headerWithoutEnd(cards));
        assertEquals(17280, bytes.length);

        ScanResult r = scanFile("broken.fits", bytes);

        assertFalse(r.isOk());
        assertEquals(2, r.headers().size());
        assertTrue(isStandardPrimary(r.headers().get(0)));
        assertEquals(EXT, r.headers().get(1).headerOffset());
        assertEquals(11520, r.headers().get(1).nextOffset());
        URI uri = r.resolvedUri();
        assertFault(r.error().orElseThrow(), MissingEndException.class, uri, 2, 11520);
        assertEquals(OptionalLong.empty(), r.trailingBytes());
    }

    @Test
    void scanResultOfATruncatedFileShouldKeepTheHeadersAndTheError() throws IOException {
        byte[] bytes = concat(primaryWithData(),
                header(image(card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", 10000), card("PCOUNT", 0),
                        card("GCOUNT", 1))),
                unpaddedData(3000));

        ScanResult r = scanFile("truncated.fits", bytes);

        assertFalse(r.isOk());
        assertEquals(2, r.headers().size());
        assertEquals(List.of(0, 1), r.headers().stream().map(FitsHeader::index).toList());
        assertFault(r.error().orElseThrow(), TruncatedFileException.class, r.resolvedUri(), 1, 11640);
    }

    @Test
    void scanResultOfANonFitsFileShouldHaveNoHeaders() throws IOException {
        ScanResult r = scanFile("readme.fits", "not FITS\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
        assertFalse(r.isOk());
        assertTrue(r.headers().isEmpty());
        assertFault(r.error().orElseThrow(), NotFitsException.class, r.resolvedUri(), 0, 0);
    }
}

package org.astrocloud.fits;

import static org.astrocloud.fits.testkit.FitsBytes.BLOCK;
import static org.astrocloud.fits.testkit.FitsBytes.endCardIndex;
import static org.astrocloud.fits.testkit.FitsBytes.rawCard;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.AsciiTableHDU;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.RandomGroupsHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.astrocloud.fits.testkit.NomTamCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real FITS files written by nom-tam-fits, walked by the scanner and compared, HDU by HDU, with
 * what nom-tam-fits reports when it reads the same file back: header offset and size, data
 * offset, padded and unpadded data size, BITPIX, NAXISn, PCOUNT, GCOUNT and kind. Card counts are
 * checked against the END card found in the raw bytes.
 *
 * <p>The files are those of {@link NomTamCorpus}. nom-tam-fits keeps its settings in global
 * statics: every nom-tam call here runs with the test thread switched to thread-local settings
 * ({@link NomTamCorpus#nomTam}), so global settings are never changed.
 */
class NomTamWrittenFilesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** What nom-tam-fits says about one HDU (and, for the card count, the raw bytes). */
    private record Expected(int index, long headerOffset, long headerSize, long dataOffset, long dataSize,
                            long paddedDataSize, int bitpix, List<Long> naxis, long pcount, long gcount,
                            HduKind kind, int cardCount) {
    }

    // ------------------------------------------------------------------ expectations from nom-tam

    /** Reads {@code file} back with nom-tam-fits and describes every HDU. */
    @SuppressWarnings("deprecation") // Header.getOriginalSize(): the size the header had in the file read
    private static List<Expected> readBack(Path file, byte[] raw) throws Exception {
        return NomTamCorpus.nomTam(() -> {
            List<Expected> out = new ArrayList<>();
            try (Fits fits = new Fits(file.toFile())) {
                BasicHDU<?>[] hdus = fits.read();
                for (int i = 0; i < hdus.length; i++) {
                    BasicHDU<?> hdu = hdus[i];
                    Header h = hdu.getHeader();
                    int n = h.getIntValue("NAXIS");
                    List<Long> naxis = new ArrayList<>();
                    for (int k = 1; k <= n; k++) {
                        naxis.add(h.getLongValue("NAXIS" + k));
                    }
                    int bitpix = hdu.getBitPix();
                    long pcount = hdu.getParameterCount();
                    long gcount = hdu.getGroupCount();
                    boolean groups = hdu instanceof RandomGroupsHDU;
                    long unpadded = formulaSize(bitpix, naxis, pcount, gcount, groups);
                    long headerOffset = hdu.getFileOffset();
                    assertEquals(headerOffset, h.getFileOffset(), "nom-tam HDU and header offsets disagree");
                    out.add(new Expected(i, headerOffset, h.getOriginalSize(), hdu.getData().getFileOffset(),
                            unpadded, h.getDataSize(), bitpix, List.copyOf(naxis), pcount, gcount,
                            kindOf(hdu, i), endCardIndex(raw, headerOffset)));
                }
            }
            return out;
        });
    }

    /** The FITS data-size formula, computed here: |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1*...*NAXISn). */
    private static long formulaSize(int bitpix, List<Long> naxis, long pcount, long gcount, boolean groups) {
        if (naxis.isEmpty()) {
            return 0;
        }
        long product = 1;
        for (int k = groups ? 1 : 0; k < naxis.size(); k++) {
            product = Math.multiplyExact(product, naxis.get(k));
        }
        return Math.multiplyExact(Math.abs(bitpix) / 8L, Math.multiplyExact(gcount, Math.addExact(pcount, product)));
    }

    /** The kind nom-tam-fits gives the HDU, by the class it reads it as. */
    private static HduKind kindOf(BasicHDU<?> hdu, int index) {
        if (hdu instanceof RandomGroupsHDU) {
            return HduKind.RANDOM_GROUPS;
        }
        if (index == 0) {
            return HduKind.PRIMARY;
        }
        if (hdu instanceof CompressedImageHDU) {
            return HduKind.COMPRESSED_IMAGE;
        }
        if (hdu instanceof BinaryTableHDU) {
            return HduKind.BINTABLE;
        }
        if (hdu instanceof AsciiTableHDU) {
            return HduKind.TABLE;
        }
        if (hdu instanceof ImageHDU) {
            return HduKind.IMAGE;
        }
        return HduKind.OTHER;
    }

    // ------------------------------------------------------------------ the comparison

    private static List<FitsHeader> scan(FitsScanner scanner, Path file) {
        List<FitsHeader> headers = scanner.scan(file.toUri()).collectList().block(TIMEOUT);
        assertNotNull(headers);
        return headers;
    }

    /**
     * Scans {@code file} (with the default scanner and with a one-block read-ahead) and compares
     * every HDU with nom-tam's reading; returns the headers of the default scan.
     */
    private static List<FitsHeader> verify(Path file) throws Exception {
        byte[] raw = Files.readAllBytes(file);
        List<Expected> expected = readBack(file, raw);
        List<FitsHeader> scanned = scan(FitsScanner.create(), file);
        compare(file, raw, expected, scanned);
        compare(file, raw, expected, scan(FitsScanner.create().readAhead(BLOCK), file));
        return scanned;
    }

    private static void compare(Path file, byte[] raw, List<Expected> expected, List<FitsHeader> scanned) {
        String name = file.getFileName().toString();
        assertEquals(expected.size(), scanned.size(), () -> name + ": HDU count; scanned " + scanned);
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            FitsHeader h = scanned.get(i);
            String at = name + " HDU " + i + ": ";
            checks.add(() -> assertEquals(e.index(), h.index(), at + "index"));
            checks.add(() -> assertEquals(e.headerOffset(), h.headerOffset(), at + "header offset"));
            checks.add(() -> assertEquals(e.headerSize(), h.headerSize(), at + "header size"));
            checks.add(() -> assertEquals(e.dataOffset(), h.dataOffset(), at + "data offset"));
            checks.add(() -> assertEquals(e.dataSize(), h.dataSize(), at + "data size (unpadded)"));
            checks.add(() -> assertEquals(e.paddedDataSize(), h.paddedDataSize(), at + "data size (padded)"));
            checks.add(() -> assertEquals(e.bitpix(), h.bitpix(), at + "BITPIX"));
            checks.add(() -> assertEquals(e.naxis(), h.naxis(), at + "NAXISn"));
            checks.add(() -> assertEquals(e.pcount(), h.pcount(), at + "PCOUNT"));
            checks.add(() -> assertEquals(e.gcount(), h.gcount(), at + "GCOUNT"));
            checks.add(() -> assertEquals(e.kind(), h.kind(), at + "kind"));
            checks.add(() -> assertEquals(e.cardCount(), h.cardCount(), at + "card count (index of END)"));
            checks.add(() -> assertEquals(e.dataOffset() + e.paddedDataSize(), h.nextOffset(), at + "next offset"));
            checks.add(() -> {
                ByteBuffer bytes = h.rawBytes();
                byte[] headerBytes = new byte[bytes.remaining()];
                bytes.get(headerBytes);
                int from = Math.toIntExact(e.headerOffset());
                assertArrayEquals(Arrays.copyOfRange(raw, from, Math.toIntExact(from + e.headerSize())), headerBytes,
                        at + "raw header bytes");
            });
        }
        checks.add(() -> assertEquals(raw.length, scanned.get(scanned.size() - 1).nextOffset(),
                name + ": the last HDU's next offset is the file length"));
        assertAll(name, checks);
    }

    // ------------------------------------------------------------------ the files

    @ParameterizedTest(name = "BITPIX {0}")
    @ValueSource(ints = {8, 16, 32, 64, -32, -64})
    void primaryImageOfEveryBitpixShouldMatchNomTam(int bitpix) throws Exception {
        Path file = NomTamCorpus.imageOfBitpix(dir, bitpix);

        List<FitsHeader> hdus = verify(file);

        FitsHeader primary = hdus.get(0);
        assertEquals(HduKind.PRIMARY, primary.kind());
        assertEquals(bitpix, primary.bitpix());
        assertEquals(List.of(37L, 29L, 3L), primary.naxis());
        assertEquals(37L * 29 * 3 * Math.abs(bitpix) / 8, primary.dataSize());
        assertEquals(0, primary.paddedDataSize() % BLOCK);
        FitsHeader ext = hdus.get(1);
        assertEquals(HduKind.IMAGE, ext.kind());
        assertEquals(bitpix, ext.bitpix());
        assertEquals(List.of(7L, 5L, 1L), ext.naxis());
        assertEquals(7L * 5 * Math.abs(bitpix) / 8, ext.dataSize());
    }

    @Test
    void emptyPrimaryWithImageBinaryTableAndAsciiTableExtensionsShouldMatchNomTam() throws Exception {
        Path file = NomTamCorpus.mixedExtensions(dir);

        List<FitsHeader> hdus = verify(file);

        assertEquals(List.of(HduKind.PRIMARY, HduKind.IMAGE, HduKind.BINTABLE, HduKind.TABLE),
                hdus.stream().map(FitsHeader::kind).toList());
        assertEquals(List.of(), hdus.get(0).naxis());
        assertEquals(0, hdus.get(0).dataSize());
        assertEquals(0, hdus.get(0).paddedDataSize());
        assertEquals(30L * 20 * 4, hdus.get(1).dataSize());
        assertEquals("TABLE", hdus.get(3).xtension().orElseThrow());
        assertEquals(3, hdus.get(3).longValue("TFIELDS").orElseThrow());
        assertEquals(5, hdus.get(2).longValue("NAXIS2").orElseThrow());
        assertEquals(3, hdus.get(3).longValue("NAXIS2").orElseThrow());
    }

    @Test
    void binaryTableWithVariableLengthArraysShouldCountItsHeap() throws Exception {
        // ints of lengths 1, 3, 2, 0, 7 and doubles of lengths 2, 0, 1, 3, 1 in the heap
        Path file = NomTamCorpus.variableLengthArrays(dir);

        List<FitsHeader> hdus = verify(file);

        FitsHeader table = hdus.get(1);
        assertEquals(HduKind.BINTABLE, table.kind());
        long heap = 4L * (1 + 3 + 2 + 0 + 7) + 8L * (2 + 0 + 1 + 3 + 1);
        assertTrue(table.pcount() >= heap, () -> "PCOUNT " + table.pcount() + " < heap " + heap);
        assertTrue(table.stringValue("TFORM1").orElseThrow().contains("P")
                || table.stringValue("TFORM1").orElseThrow().contains("Q"));
        long rowWidth = table.naxis().get(0);
        assertEquals(rowWidth * 5 + table.pcount(), table.dataSize());
    }

    @Test
    void randomGroupsShouldMatchNomTam() throws Exception {
        Path file = NomTamCorpus.randomGroups(dir);

        List<FitsHeader> hdus = verify(file);

        assertEquals(1, hdus.size());
        FitsHeader rg = hdus.get(0);
        assertEquals(HduKind.RANDOM_GROUPS, rg.kind());
        assertEquals(List.of(0L, 5L, 4L), rg.naxis());
        assertEquals(3, rg.pcount());
        assertEquals(7, rg.gcount());
        assertEquals(4L * 7 * (3 + 5 * 4), rg.dataSize());
        assertEquals(true, rg.booleanValue("GROUPS").orElseThrow());
    }

    @Test
    void tileCompressedImageShouldBeACompressedImage() throws Exception {
        Path file = NomTamCorpus.tileCompressedImage(dir);

        List<FitsHeader> hdus = verify(file);

        FitsHeader z = hdus.get(1);
        assertEquals(HduKind.COMPRESSED_IMAGE, z.kind());
        assertEquals("BINTABLE", z.xtension().orElseThrow());
        assertEquals(true, z.booleanValue("ZIMAGE").orElseThrow());
        assertEquals("RICE_1", z.stringValue("ZCMPTYPE").orElseThrow());
        assertEquals(100, z.longValue("ZNAXIS1").orElseThrow());
        assertEquals(64, z.longValue("ZNAXIS2").orElseThrow());
        assertEquals(8, z.bitpix());
        assertTrue(z.pcount() > 0, "the compressed tiles are in the heap");
        assertEquals(z.naxis().get(0) * z.naxis().get(1) + z.pcount(), z.dataSize());
    }

    @Test
    void longStringsWithContinueShouldComeBackWhole() throws Exception {
        String longText = NomTamCorpus.LONG_TEXT;
        String otherText = NomTamCorpus.OTHER_TEXT;
        Path file = NomTamCorpus.longStrings(dir);
        byte[] raw = Files.readAllBytes(file);
        List<String> nomTamValues = NomTamCorpus.nomTam(() -> {
            try (Fits fits = new Fits(file.toFile())) {
                BasicHDU<?>[] read = fits.read();
                return List.of(read[0].getHeader().getStringValue("LONGSTR"),
                        read[1].getHeader().getStringValue("OTHER"));
            }
        });
        assertEquals(longText, nomTamValues.get(0), "nom-tam round trip");

        List<FitsHeader> hdus = verify(file);

        FitsHeader primary = hdus.get(0);
        assertEquals(nomTamValues.get(0), primary.stringValue("LONGSTR").orElseThrow());
        assertEquals(longText, primary.stringValue("LONGSTR").orElseThrow());
        assertEquals("short", primary.stringValue("SHORT").orElseThrow());
        assertEquals(nomTamValues.get(1), hdus.get(1).stringValue("OTHER").orElseThrow());
        assertEquals(otherText, hdus.get(1).stringValue("OTHER").orElseThrow());

        // the long string's physical cards: its first card and every CONTINUE after it, from the raw bytes
        int first = -1;
        int continues = 0;
        int end = endCardIndex(raw, 0);
        for (int c = 0; c < end; c++) {
            String card = rawCard(raw, 0, c);
            if (card.startsWith("LONGSTR ")) {
                first = c;
            } else if (first >= 0 && c == first + 1 + continues && card.startsWith("CONTINUE")) {
                continues++;
            }
        }
        assertTrue(continues >= 2, "the long string should need CONTINUE cards: " + continues);
        assertEquals(1 + continues, primary.card("LONGSTR").orElseThrow().physicalCards());
        assertEquals(end, primary.cardCount(), "cardCount counts every CONTINUE card");
        int physical = primary.cards().stream().mapToInt(FitsCard::physicalCards).sum();
        assertEquals(end, physical, "the logical cards cover every physical card");
        assertEquals(end - continues, primary.cards().size(), "each long string is one logical card");
    }

    @Test
    void hierarchKeywordsShouldBeNamedWithoutThePrefix() throws Exception {
        Path file = NomTamCorpus.hierarch(dir);
        byte[] raw = Files.readAllBytes(file);
        List<Object> nomTamValues = NomTamCorpus.nomTam(() -> {
            try (Fits fits = new Fits(file.toFile())) {
                Header h = fits.read()[0].getHeader();
                return List.of(h.getStringValue("HIERARCH.ESO.DET.CHIP.ID"),
                        h.getDoubleValue("HIERARCH.ESO.TEL.AIRM.START"),
                        h.getLongValue("HIERARCH.ESO.OBS.ID"),
                        h.getStringValue("HIERARCH.ESO.INS.FILT1.NAME"));
            }
        });
        int end = endCardIndex(raw, 0);
        long hierarchCards = 0;
        for (int c = 0; c < end; c++) {
            if (rawCard(raw, 0, c).startsWith("HIERARCH ESO ")) {
                hierarchCards++;
            }
        }
        assertEquals(4, hierarchCards, "nom-tam should have written four HIERARCH cards");

        List<FitsHeader> hdus = verify(file);

        FitsHeader h = hdus.get(0);
        assertEquals("CCD-1 left", nomTamValues.get(0));
        assertEquals(nomTamValues.get(0), h.stringValue("ESO DET CHIP ID").orElseThrow());
        assertEquals(nomTamValues.get(0), h.stringValue("HIERARCH ESO DET CHIP ID").orElseThrow());
        assertEquals("ESO DET CHIP ID", h.card("ESO DET CHIP ID").orElseThrow().keyword());
        assertEquals((Double) nomTamValues.get(1), h.doubleValue("ESO TEL AIRM START").orElseThrow());
        assertEquals((Long) nomTamValues.get(2), h.longValue("ESO OBS ID").orElseThrow());
        assertEquals(nomTamValues.get(3), h.stringValue("ESO INS FILT1 NAME").orElseThrow());
        assertEquals(end, h.cardCount());
    }

    @Test
    void multiBlockHeadersShouldMatchNomTam() throws Exception {
        // extensions whose END card falls on the last card of a block, and on the first card of the next one
        Path file = NomTamCorpus.multiBlockHeaders(dir);
        byte[] raw = Files.readAllBytes(file);

        List<FitsHeader> hdus = verify(file);

        FitsHeader primary = hdus.get(0);
        assertTrue(primary.cardCount() > 150, () -> "cards: " + primary.cardCount());
        assertEquals(endCardIndex(raw, 0), primary.cardCount());
        assertEquals(BLOCK * ((primary.cardCount() + 1 + 35) / 36L), primary.headerSize());
        assertEquals(120, primary.cards().stream().filter(c -> c.keyword().startsWith("KEY")).count());
        // commentary text is bytes 9-80 as nom-tam wrote them (it writes a blank in byte 9 before the text)
        List<String> rawComments = new ArrayList<>();
        for (int c = 0; c < endCardIndex(raw, 0); c++) {
            if (rawCard(raw, 0, c).startsWith("COMMENT ")) {
                rawComments.add(rawCard(raw, 0, c).substring(8).stripTrailing());
            }
        }
        assertEquals(rawComments, primary.cards("COMMENT").stream().map(c -> c.text().orElseThrow()).toList());
        assertEquals(20, rawComments.stream().filter(t -> t.strip().startsWith("comment card")).count());
        assertEquals(10, primary.cards("HISTORY").size());
        assertEquals(357, primary.longValue("KEY00119").orElseThrow());
        List<Integer> cardCounts = hdus.subList(1, hdus.size()).stream().map(FitsHeader::cardCount).toList();
        assertEquals(List.of(35, 36, 71, 72), cardCounts);
        assertEquals(List.of(2880L, 5760L, 5760L, 8640L),
                hdus.subList(1, hdus.size()).stream().map(FitsHeader::headerSize).toList());
    }

    @Test
    void aFileWithThirtyHdusShouldMatchNomTam() throws Exception {
        Path file = NomTamCorpus.manyHdus(dir);

        List<FitsHeader> hdus = verify(file);

        assertEquals(30, hdus.size());
        for (int i = 1; i < 30; i++) {
            assertEquals("HDU" + i, hdus.get(i).stringValue("EXTNAME").orElseThrow());
            assertEquals(i, hdus.get(i).index());
        }
        assertTrue(hdus.stream().anyMatch(h -> h.headerSize() > BLOCK), "some headers span blocks");
        assertTrue(hdus.stream().anyMatch(h -> h.index() > 0 && h.dataSize() == 0), "some extensions are empty");
    }
}

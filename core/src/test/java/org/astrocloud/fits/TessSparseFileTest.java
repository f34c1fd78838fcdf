package org.astrocloud.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full-size sparse TESS files, checked against the layouts published for the real archive
 * (sector-22 cube: 44,316,717,120 bytes, HDUs at 0, 2880 and 44,315,069,760; calibrated FFI:
 * 35,547,840 bytes, image data at 20,160).
 */
class TessSparseFileTest {
    @TempDir
    Path dir;

    private static List<FitsHeader> walk(RecordingSource source) {
        return FitsScanner.create().scan(source).collectList().block(Duration.ofSeconds(30));
    }

    private RecordingSource open(Path file) {
        return new RecordingSource(ByteRangeSources.open(file.toUri(), SourceOptions.empty()));
    }

    @Test
    void sectorTwentyTwoCubeShouldWalkInTwoReadsAndAtMost128KiB() {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);
        assertEquals(44_316_717_120L, cube.toFile().length());
        RecordingSource source = open(cube);

        List<FitsHeader> hdus = walk(source);

        assertEquals(3, hdus.size());
        FitsHeader primary = hdus.get(0);
        assertEquals(HduKind.PRIMARY, primary.kind());
        assertEquals(0, primary.headerOffset());
        assertEquals(2880, primary.headerSize());
        assertEquals(0, primary.dataSize());
        assertEquals(32, primary.cardCount());
        assertEquals(22, primary.longValue("SECTOR").orElseThrow());
        assertEquals(4, primary.longValue("CAMERA").orElseThrow());

        FitsHeader image = hdus.get(1);
        assertEquals(HduKind.IMAGE, image.kind());
        assertEquals("IMAGE", image.xtension().orElseThrow());
        assertEquals(2880, image.headerOffset());
        assertEquals(5760, image.dataOffset());
        assertEquals(-32, image.bitpix());
        assertEquals(List.of(2L, 1248L, 2136L, 2078L), image.naxis());
        long cubeBytes = 4L * 2 * 1248 * 2136 * 2078;
        assertEquals(cubeBytes, image.dataSize());
        assertEquals(44_315_068_032L, image.dataOffset() + image.dataSize());
        assertEquals(9, image.cardCount());

        FitsHeader table = hdus.get(2);
        assertEquals(HduKind.BINTABLE, table.kind());
        assertEquals(44_315_069_760L, table.headerOffset());
        assertEquals(46_080, table.headerSize());
        assertEquals(44_315_115_840L, table.dataOffset());
        assertEquals(1282L * 1248, table.dataSize());
        assertEquals(553, table.cardCount());
        assertEquals(184, table.longValue("TFIELDS").orElseThrow());
        assertEquals(44_316_717_120L, table.nextOffset());

        assertEquals(2, source.ranges().size(), () -> "ranges: " + source.ranges());
        assertTrue(source.requestedBytes() <= 128 * 1024, () -> "requested " + source.requestedBytes());
        assertTrue(source.stats().bytesRead() <= 128 * 1024);
        assertEquals(2, source.stats().requests(), "the source counted the same two reads");
    }

    @Test
    void calibratedFfiShouldWalkInTwoReads() {
        Path ffi = TessFiles.writeFfi(dir.resolve("tess2020050192921-s0022-1-1-0174-s_ffic.fits"), 1, 1,
                TessFiles.FfiVariant.STANDARD);
        assertEquals(35_547_840L, ffi.toFile().length());
        RecordingSource source = open(ffi);

        List<FitsHeader> hdus = walk(source);

        assertEquals(3, hdus.size());
        assertEquals(30, hdus.get(0).cardCount());
        assertEquals(2880, hdus.get(1).headerOffset());
        assertEquals(17_280, hdus.get(1).headerSize());
        assertEquals(20_160, hdus.get(1).dataOffset());
        assertEquals(2136L * 2078 * 4, hdus.get(1).dataSize());
        assertEquals(17_755_200, hdus.get(1).paddedDataSize());
        assertEquals(183, hdus.get(1).cardCount());
        assertEquals("CAMERA.CCD 1.1 cal", hdus.get(1).stringValue("EXTNAME").orElseThrow());
        assertEquals(17_775_360L, hdus.get(2).headerOffset());
        assertEquals(17_792_640L, hdus.get(2).dataOffset());
        assertEquals(35_547_840L, hdus.get(2).nextOffset());
        assertEquals(2, source.ranges().size(), () -> "ranges: " + source.ranges());
    }

    @Test
    void ffiWithoutWcsShouldHaveItsImageAtByte14400() {
        Path ffi = TessFiles.writeFfi(dir.resolve("tess2019059172935-s0009-1-1-0139-s_ffic.fits"), 1, 1,
                TessFiles.FfiVariant.NO_WCS);
        RecordingSource source = open(ffi);

        List<FitsHeader> hdus = walk(source);

        assertEquals(14_400, hdus.get(1).dataOffset());
        assertEquals(114, hdus.get(1).cardCount());
        assertEquals(14_400L + 17_755_200, hdus.get(2).headerOffset());
        assertEquals(2, source.ranges().size());
    }

    @Test
    void readAheadOfOneBlockShouldGrowGeometricallyThroughTheSixteenBlockTableHeader() {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, 1248);
        RecordingSource source = open(cube);

        FitsScanner.create().readAhead(2880).scan(source).collectList().block(Duration.ofSeconds(30));

        // primary (1 read), image header (1), table header of 16 blocks: 1 + 2 + 4 + 8 + ... blocks
        // grows 1 -> 2 -> 4 -> 8 -> 16 blocks: 5 reads, not 16
        long tableReads = source.ranges().stream().filter(r -> r.offset() >= 44_315_069_760L).count();
        assertEquals(5, tableReads, () -> "ranges: " + source.ranges());
        assertEquals(7, source.ranges().size(), () -> "ranges: " + source.ranges());
    }
}

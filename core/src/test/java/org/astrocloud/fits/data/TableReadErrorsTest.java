package org.astrocloud.fits.data;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.FitsBytes;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made binary table (FITS 4.0 §7.3: a {@code 1J} and a {@code 1PJ(3)} column, 3 rows, a heap of
 * 5 ints right after the rows) read whole: the rows in one read, the heap ranges the descriptors
 * point at in a second; then broken: the object cut short after the reference was made
 * ({@link TruncatedFileException}), and a descriptor that points past the heap
 * ({@link IllegalArgumentException}: the reference and the caller's request are fine, the data unit
 * contradicts its own header; no {@code FitsFormatException} kind names a corrupt data unit).
 */
class TableReadErrorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Rows: (7, [10, 11]), (8, []), (9, [12, 13, 14]); heap: 10 11 12 13 14. */
    private Path write(String name, int lastDescriptorOffset) throws IOException {
        byte[] header = FitsBytes.header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0));
        byte[] ext = FitsBytes.header(card("XTENSION", str("BINTABLE")), card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", 12), card("NAXIS2", 3), card("PCOUNT", 20), card("GCOUNT", 1), card("TFIELDS", 2),
                card("TTYPE1", str("ID")), card("TFORM1", str("1J")), card("TTYPE2", str("SPECTRUM")),
                card("TFORM2", str("1PJ(3)")));
        ByteBuffer data = ByteBuffer.allocate((int) FitsBytes.padded(3 * 12 + 20));
        data.putInt(7).putInt(2).putInt(0);
        data.putInt(8).putInt(0).putInt(0);
        data.putInt(9).putInt(3).putInt(lastDescriptorOffset);
        data.putInt(10).putInt(11).putInt(12).putInt(13).putInt(14);
        Path file = dir.resolve(name);
        Files.write(file, FitsBytes.concat(header, ext, data.array()));
        return file;
    }

    private static DataReference ref(Path file) {
        return DataReference.of(FitsScanner.create().scan(file.toUri()).elementAt(1).block(TIMEOUT));
    }

    @Test
    void variableLengthArraysComeFromTheHeapInASecondRead() throws IOException {
        Path file = write("vla.fits", 8);
        DataReference ref = ref(file);
        List<RecordingSource> opened = new CopyOnWriteArrayList<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            RecordingSource source = new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()));
            opened.add(source);
            return source;
        })));
        TableData t = FitsDataReader.create().sources(sources).table(ref, TableQuery.all()).block(TIMEOUT);
        assertArrayEquals(new int[] {7, 8, 9}, (int[]) t.column("ID"));
        Object[] spectra = (Object[]) t.column("spectrum");
        assertArrayEquals(new int[] {10, 11}, (int[]) spectra[0]);
        assertArrayEquals(new int[0], (int[]) spectra[1]);
        assertArrayEquals(new int[] {12, 13, 14}, (int[]) spectra[2]);
        long data = ref.offset();
        // the rows, then the heap: its two arrays (at 0 and 8) are contiguous, one range
        assertEquals(List.of(ByteRange.of(data, 36), ByteRange.of(data + 36, 20)),
                opened.stream().flatMap(s -> s.ranges().stream()).toList());
    }

    @Test
    void aDescriptorPastTheHeapIsAnIllegalArgument() throws IOException {
        DataReference ref = ref(write("bad-descriptor.fits", 12));   // 3 ints at 12: 24 bytes of a heap of 20
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitsDataReader.create().table(ref, TableQuery.all().columns("SPECTRUM")).block(TIMEOUT));
        assertTrue(e.getMessage().contains("row 2, column 2 (SPECTRUM)"), e.getMessage());
        assertTrue(e.getMessage().contains("heap of 20 bytes"), e.getMessage());
        // the fixed columns of the same rows are still readable
        assertArrayEquals(new int[] {7, 8, 9}, (int[]) FitsDataReader.create().table(ref, TableQuery.all().columns(1))
                .block(TIMEOUT).column(1));
    }

    @Test
    void anObjectCutShortIsATruncatedFile() throws IOException {
        Path file = write("cut.fits", 8);
        DataReference ref = ref(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ref.offset() + 26);   // inside the last row's ID
        }
        assertThrows(TruncatedFileException.class,
                () -> FitsDataReader.create().table(ref, TableQuery.all().columns("ID")).block(TIMEOUT));
        // the first two rows are still there
        assertArrayEquals(new int[] {7, 8}, (int[]) FitsDataReader.create().table(ref, TableQuery.all().rows(0, 2).columns("ID"))
                .block(TIMEOUT).column("ID"));
    }

    @Test
    void aHeapCutShortIsATruncatedFile() throws IOException {
        Path file = write("cut-heap.fits", 8);
        DataReference ref = ref(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ref.offset() + 36 + 10);   // the rows whole, the heap half
        }
        assertThrows(TruncatedFileException.class,
                () -> FitsDataReader.create().table(ref, TableQuery.all()).block(TIMEOUT));
    }

    @Test
    void aSelectionOutsideTheTableIsAnIllegalArgument() throws IOException {
        DataReference ref = ref(write("plain.fits", 8));
        assertThrows(IllegalArgumentException.class,
                () -> FitsDataReader.create().table(ref, TableQuery.all().columns("NOPE")).block(TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> FitsDataReader.create().table(ref, TableQuery.all().columns(3)).block(TIMEOUT));
        assertEquals(0, FitsDataReader.create().table(ref, TableQuery.all().rows(5, 2)).block(TIMEOUT).rows());
    }
}

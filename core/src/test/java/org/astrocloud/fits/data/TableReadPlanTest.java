package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.Coalescing;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read plan of a table read, counted through a recording source on the frame table of a
 * sector-22 cube (HDU 2: 1248 rows of 1282 bytes, 184 columns; its rows are zeros in the sparse
 * file), and checked against the planner's rule worked out by hand: wanted cells closer than
 * {@code maxGap} are one read, cells that touch are one wanted range.
 */
class TableReadPlanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROWS = 1248;
    private static final long ROW = 1282;

    @TempDir
    static Path dir;
    static DataReference table;

    @BeforeAll
    static void write() {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, ROWS);
        table = DataReference.of(FitsScanner.create().scan(cube.toUri()).elementAt(2).block(TIMEOUT));
    }

    private static RecordingSource read(Coalescing coalescing, TableQuery query, List<TableData> out) {
        AtomicReference<RecordingSource> recorded = new AtomicReference<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file",
                uri -> {
                    RecordingSource source = new RecordingSource(ByteRangeSources.installed().get(uri,
                            SourceOptions.empty()));
                    recorded.set(source);
                    return source;
                })));
        out.add(FitsDataReader.create().sources(sources).coalescing(coalescing).table(table, query).block(TIMEOUT));
        return recorded.get();
    }

    @Test
    void twoColumnsOfAllRowsAreOneReadUnderTheDefaults() {
        TableColumn c3 = table.columns().get(2);
        TableColumn c90 = table.columns().get(89);
        assertEquals(ROW, table.rowLength());
        assertEquals(ROWS, table.rows());
        List<TableData> data = new ArrayList<>();
        RecordingSource source = read(Coalescing.defaults(), TableQuery.all().columns(3, 90), data);
        // every gap (within a row and across rows) is far below 1 MiB and the span below 16 MiB: one read
        // from column 3 of row 0 to the end of column 90 of row 1247
        long start = table.offset() + c3.offset();
        long end = table.offset() + (ROWS - 1) * ROW + c90.offset() + c90.width();
        assertEquals(List.of(ByteRange.of(start, end - start)), source.ranges());
        assertEquals(ROWS, data.get(0).rows());
        assertArrayEquals(new int[ROWS], (int[]) data.get(0).column(3));   // J columns of the sparse (zero) rows
    }

    @Test
    void withoutGapsEveryCellIsARead() {
        TableColumn c3 = table.columns().get(2);
        TableColumn c90 = table.columns().get(89);
        RecordingSource source = read(Coalescing.defaults().withMaxGap(0), TableQuery.all().columns("NAXIS", "B_ORDER"),
                new ArrayList<>());
        List<ByteRange> expected = new ArrayList<>();
        for (long r = 0; r < ROWS; r++) {
            expected.add(ByteRange.of(table.offset() + r * ROW + c3.offset(), c3.width()));
            expected.add(ByteRange.of(table.offset() + r * ROW + c90.offset(), c90.width()));
        }
        assertEquals(expected, source.ranges());
        assertEquals(ROWS * (c3.width() + c90.width()), source.requestedBytes());
    }

    @Test
    void cellsThatTouchAcrossRowsAreOneRange() {
        // the last column ends the row, the first starts the next: row r's FFI_FILE and row r + 1's
        // XTENSION touch, so 1248 x 2 cells are 1249 ranges even with no gap allowed
        TableColumn first = table.columns().get(0);
        TableColumn last = table.columns().get(183);
        assertEquals(ROW, last.offset() + last.width());
        List<TableData> data = new ArrayList<>();
        RecordingSource source = read(Coalescing.defaults().withMaxGap(0),
                TableQuery.all().columns("FFI_FILE", "XTENSION"), data);
        List<ByteRange> expected = new ArrayList<>();
        expected.add(ByteRange.of(table.offset(), first.width()));
        for (long r = 0; r < ROWS - 1; r++) {
            expected.add(ByteRange.of(table.offset() + r * ROW + last.offset(), last.width() + first.width()));
        }
        expected.add(ByteRange.of(table.offset() + (ROWS - 1) * ROW + last.offset(), last.width()));
        assertEquals(expected, source.ranges());
        assertEquals(List.of("FFI_FILE", "XTENSION"), data.get(0).names());
        assertEquals("", ((String[]) data.get(0).column("FFI_FILE"))[0]);
    }

    @Test
    void aRowRangeOfAllColumnsIsOneRead() {
        RecordingSource source = read(Coalescing.defaults(), TableQuery.all().rows(100, 10), new ArrayList<>());
        assertEquals(List.of(ByteRange.of(table.offset() + 100 * ROW, 10 * ROW)), source.ranges());
    }
}

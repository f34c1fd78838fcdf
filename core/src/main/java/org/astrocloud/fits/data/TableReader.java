package org.astrocloud.fits.data;

import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.HduKind;
import org.astrocloud.fits.spi.ByteRange;
import reactor.core.publisher.Mono;

/**
 * The read plan of {@link FitsDataReader#table}: the selected columns' bytes in the selected rows
 * (joined where they touch, so that whole rows are one range; the range planner merges the rest
 * by its gap rule), then, for variable-length columns, the heap ranges the rows' descriptors point
 * at; then the values are decoded from the bytes in memory.
 */
final class TableReader {
    private TableReader() {
    }

    static Mono<TableData> read(FitsDataReader reader, DataReference ref, TableQuery query) {
        return Mono.defer(() -> {
            if (!ref.isTable()) {
                throw new IllegalArgumentException("HDU " + ref.hdu() + " is a " + ref.kind() + ", not a table");
            }
            boolean ascii = ref.kind() == HduKind.TABLE;
            List<TableColumn> columns = query.resolveColumns(ref);
            long[] rows = query.resolveRows(ref.rows());
            if (rows[1] > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(rows[1] + " rows are more than one array holds; select fewer");
            }
            long first = rows[0];
            int count = (int) rows[1];
            TableCells cells = new TableCells(ref, first, count);
            BinaryTableDecoder binary = new BinaryTableDecoder(cells);
            List<ByteRange> runs = ByteRuns.join(rowRanges(columns, cells));
            return ByteRuns.read(reader, ref, runs).flatMap(rowBytes -> {
                List<ByteRange> heap = ascii ? List.of() : ByteRuns.join(binary.heapRanges(columns, rowBytes));
                return ByteRuns.read(reader, ref, heap).map(heapBytes -> {
                    List<ColumnValues> values = new ArrayList<>(columns.size());
                    for (TableColumn c : columns) {
                        values.add(ascii ? AsciiTableDecoder.decode(c, rowBytes, cells)
                                : binary.decode(c, rowBytes, heapBytes));
                    }
                    return new TableData(first, count, values);
                });
            });
        });
    }

    /** Each selected column's cell in each selected row. */
    private static List<ByteRange> rowRanges(List<TableColumn> columns, TableCells cells) {
        List<ByteRange> out = new ArrayList<>();
        for (int r = 0; r < cells.count(); r++) {
            for (TableColumn c : columns) {
                if (c.width() > 0) {
                    out.add(ByteRange.of(cells.cell(r, c), c.width()));
                }
            }
        }
        return out;
    }
}

package org.astrocloud.fits.data;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRange;

/**
 * Decodes the selected columns of rows of a binary table from the bytes read ({@link ByteRuns}):
 * fixed-width cells from the rows, variable-length arrays ({@code P}, {@code Q}) from the heap
 * ranges their descriptors point at.
 */
final class BinaryTableDecoder {
    private final TableCells cells;
    private final DataReference ref;
    private final int count;

    BinaryTableDecoder(TableCells cells) {
        this.cells = cells;
        this.ref = cells.ref();
        this.count = cells.count();
    }

    /**
     * The heap ranges that the variable-length columns among {@code columns} point at in the rows read.
     *
     * @throws IllegalArgumentException when a descriptor points outside the heap
     */
    List<ByteRange> heapRanges(List<TableColumn> columns, ByteRuns rows) {
        List<ByteRange> out = new ArrayList<>();
        for (TableColumn c : columns) {
            ColumnFormat f = ColumnFormat.parse(c.format());
            if (!f.isVariableLength()) {
                continue;
            }
            for (int r = 0; r < count; r++) {
                ByteRange range = heapRange(c, f, r, rows);
                if (range != null) {
                    out.add(range);
                }
            }
        }
        return out;
    }

    /** The values of {@code column} in the rows read. */
    ColumnValues decode(TableColumn column, ByteRuns rows, ByteRuns heap) {
        ColumnFormat f = ColumnFormat.parse(column.format());
        int[] shape = cellShape(column, f);
        if (f.isVariableLength()) {
            Object[] values = new Object[count];
            for (int r = 0; r < count; r++) {
                ByteRange range = heapRange(column, f, r, rows);
                int n = (int) elements(column, f, r, rows);
                ByteBuffer bytes = range == null ? ByteBuffer.allocate(0)
                        : heap.slice(range.offset(), (int) range.length());
                values[r] = ElementDecoder.decode(bytes, f.type(), n);
            }
            return new ColumnValues(column, values, null, null, new int[0]);
        }
        int width = (int) f.width();
        int repeat = Math.toIntExact(f.repeat());
        ElementType type = f.type();
        if (type == ElementType.CHAR || type == ElementType.BIT) {
            Object values = Array.newInstance(type == ElementType.CHAR ? String.class : boolean[].class, count);
            for (int r = 0; r < count; r++) {
                Array.set(values, r, ElementDecoder.decode(cellBytes(column, width, r, rows), type, repeat));
            }
            return new ColumnValues(column, values, null, null, shape);
        }
        ByteBuffer all = ByteBuffer.allocate(Math.multiplyExact(width, count));
        for (int r = 0; r < count; r++) {
            all.put(cellBytes(column, width, r, rows));
        }
        Object flat = ElementDecoder.decode(all.flip(), type, Math.multiplyExact(repeat, count));
        boolean complex = type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128;
        Object values = repeat == 1 && !complex ? flat : split(flat, count, ElementDecoder.entries(type, repeat));
        boolean numeric = type != ElementType.LOGICAL && !complex;
        return new ColumnValues(column, values, numeric ? flat : null, null, shape);
    }

    private ByteBuffer cellBytes(TableColumn column, int width, int r, ByteRuns rows) {
        return width == 0 ? ByteBuffer.allocate(0) : rows.slice(cells.cell(r, column), width);
    }

    /** {@code flat} cut into {@code rows} arrays of {@code k} entries. */
    private static Object split(Object flat, int rows, int k) {
        Object out = Array.newInstance(flat.getClass(), rows);
        for (int r = 0; r < rows; r++) {
            Object row = Array.newInstance(flat.getClass().getComponentType(), k);
            System.arraycopy(flat, r * k, row, 0, k);
            Array.set(out, r, row);
        }
        return out;
    }

    private long elements(TableColumn c, ColumnFormat f, int r, ByteRuns rows) {
        ByteBuffer d = rows.slice(cells.cell(r, c), (int) f.width());
        return f.variable() == 'P' ? Integer.toUnsignedLong(d.getInt(0)) : d.getLong(0);
    }

    /** The heap bytes of row {@code r}'s array, null when it is empty. */
    private ByteRange heapRange(TableColumn c, ColumnFormat f, int r, ByteRuns rows) {
        if (f.repeat() != 1) {
            throw new IllegalArgumentException("column " + c.number() + " (" + c.format()
                    + "): a variable-length column must have one descriptor per row");
        }
        ByteBuffer d = rows.slice(cells.cell(r, c), (int) f.width());
        long n = elements(c, f, r, rows);
        long at = f.variable() == 'P' ? Integer.toUnsignedLong(d.getInt(4)) : d.getLong(8);
        long length = n < 0 || n > Integer.MAX_VALUE - 8 ? -1 : ElementDecoder.bytes(f.type(), n);
        if (length < 0 || at < 0 || at > ref.heapSize() || length > ref.heapSize() - at) {
            throw new IllegalArgumentException("HDU " + ref.hdu() + " of " + Redaction.redact(ref.uri()) + ", row "
                    + cells.row(r) + ", column " + c.number() + " (" + c.name() + "): the descriptor (" + n
                    + " elements at heap offset " + at + ") points outside the heap of " + ref.heapSize() + " bytes");
        }
        return length == 0 ? null : ByteRange.of(ref.offset() + ref.heapOffset() + at, length);
    }

    /** One cell's shape, numpy order: {@code TDIMn} reversed, else the repeat count; empty for scalars and strings. */
    static int[] cellShape(TableColumn c, ColumnFormat f) {
        if (f.isVariableLength() || f.type() == ElementType.CHAR || (f.repeat() == 1 && f.type() != ElementType.BIT)) {
            return new int[0];
        }
        if (c.tdim().isPresent()) {
            String[] axes = c.tdim().get().replaceAll("[()\\s]", "").split(",");
            int[] shape = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                shape[axes.length - 1 - i] = Integer.parseInt(axes[i]);
            }
            return shape;
        }
        return new int[] {Math.toIntExact(f.repeat())};
    }
}

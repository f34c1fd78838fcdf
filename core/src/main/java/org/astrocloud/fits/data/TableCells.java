package org.astrocloud.fits.data;

/**
 * Where the cells of the rows {@code [first, first + count)} of a table lie in its object.
 *
 * @param ref the table
 * @param first the first row read
 * @param count how many rows are read
 */
record TableCells(DataReference ref, long first, int count) {
    /** The offset in the object of row {@code r} (of those read) of {@code column}. */
    long cell(int r, TableColumn column) {
        return ref.offset() + (first + r) * ref.rowLength() + column.offset();
    }

    /** The table's row number of row {@code r} of those read. */
    long row(int r) {
        return first + r;
    }
}

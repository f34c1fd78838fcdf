package org.astrocloud.fits.data;

/**
 * The decoded values of one table column over the rows read.
 *
 * @param column the column
 * @param values what {@link TableData#column} returns
 * @param flat for numeric columns, every element in a 1-D array of the stored type (rows x repeat;
 *             {@code byte[]} unsigned, {@code long[]} or {@code double[]} for ASCII tables); else null
 * @param nulls for ASCII tables, the fields that are blank or equal {@code TNULLn}; else null
 * @param cellShape the shape of one cell, numpy order ({@code TDIMn} reversed, or the repeat count;
 *                  empty for a scalar, a string or a variable-length array)
 */
record ColumnValues(TableColumn column, Object values, Object flat, boolean[] nulls, int[] cellShape) {
}

package org.astrocloud.fits.data;

import java.util.List;
import java.util.Locale;

/**
 * The rows and columns of a table that {@link FitsDataReader#table} read. {@link #column} gives a
 * column's stored values as a Java array, one entry per row:
 *
 * <table>
 * <caption>Stored values by TFORM</caption>
 * <tr><th>TFORM</th><th>repeat 1</th><th>repeat r</th></tr>
 * <tr><td>L</td><td>{@code Boolean[]} (null: undefined)</td><td>{@code Boolean[][]}</td></tr>
 * <tr><td>X</td><td colspan="2">{@code boolean[rows][r]}, most significant bit first</td></tr>
 * <tr><td>B</td><td>{@code byte[]} (unsigned: {@code b & 0xFF})</td><td>{@code byte[][]}</td></tr>
 * <tr><td>I, J, K</td><td>{@code short[]}, {@code int[]}, {@code long[]}</td><td>{@code short[][]}, ...</td></tr>
 * <tr><td>E, D</td><td>{@code float[]}, {@code double[]}</td><td>{@code float[][]}, {@code double[][]}</td></tr>
 * <tr><td>C, M</td><td colspan="2">{@code float[rows][2r]}, {@code double[rows][2r]}: real, imaginary, ...</td></tr>
 * <tr><td>rA</td><td colspan="2">{@code String[]}, trailing NULs and blanks removed</td></tr>
 * <tr><td>P, Q</td><td colspan="2">{@code Object[]} of the heap arrays, each as repeat r above
 *     ({@code PA}: a {@code String})</td></tr>
 * <tr><td>ASCII I / F, E, D / A</td><td colspan="2">{@code long[]} / {@code double[]} (0 for a blank or
 *     {@code TNULLn} field, as astropy) / {@code String[]}</td></tr>
 * </table>
 *
 * <p>A cell of {@code repeat} elements is in FITS order (the first {@code TDIMn} axis fastest),
 * which is numpy's C order of the shape {@link #cellShape} gives. {@link #physical} gives the
 * physical values of a numeric column as doubles, {@code TZEROn + TSCALn x stored}, with
 * {@code TNULLn} (and blank ASCII fields) as NaN; {@link #integers} gives an integer column's values
 * exactly, the unsigned conventions included.
 *
 * <pre>{@code
 * TableData t = reader.table(ref, TableQuery.all().columns("TIME", "FLUX", "QUALITY")).block();
 * double[] time = t.physical("TIME");
 * float[] flux = (float[]) t.column("FLUX");
 * long[] quality = t.integers("QUALITY");   // TZERO = 32768 on an I column: 0..65535
 * }</pre>
 *
 * <p>Astropy differs in two places: it ignores {@code TNULLn} of a binary table (the stored value,
 * scaled, is returned where we give NaN), and it returns {@code False} for an undefined logical
 * (null here).
 */
public final class TableData {
    private final long first;
    private final int rows;
    private final List<ColumnValues> columns;

    TableData(long first, int rows, List<ColumnValues> columns) {
        this.first = first;
        this.rows = rows;
        this.columns = List.copyOf(columns);
    }

    /** The table's row number (from 0) of the first row read. */
    public long firstRow() {
        return first;
    }

    /** How many rows were read. */
    public int rows() {
        return rows;
    }

    /** The columns read, in the order asked. */
    public List<TableColumn> columns() {
        return columns.stream().map(ColumnValues::column).toList();
    }

    /** The names of the columns read ({@code TTYPEn}), in the order asked. */
    public List<String> names() {
        return columns.stream().map(c -> c.column().name()).toList();
    }

    /** The stored values of the column named {@code name} (case-insensitive); see the class documentation. */
    public Object column(String name) {
        return values(name).values();
    }

    /** The stored values of column {@code number} of the table (from 1). */
    public Object column(int number) {
        return values(number).values();
    }

    /** The shape of one cell of the column named {@code name}, numpy order; empty for scalars, strings and P/Q. */
    public int[] cellShape(String name) {
        return values(name).cellShape().clone();
    }

    /**
     * The physical values of the numeric column named {@code name}, every element of every row in one
     * array: {@code TZEROn + TSCALn x stored}, NaN for {@code TNULLn} and blank ASCII fields.
     *
     * @throws IllegalStateException for logical, bit, string, complex and variable-length columns
     */
    public double[] physical(String name) {
        return Physical.of(values(name));
    }

    /** The physical values of column {@code number} (from 1), as {@link #physical(String)}. */
    public double[] physical(int number) {
        return Physical.of(values(number));
    }

    /**
     * The exact values of the integer column named {@code name}, every element of every row:
     * {@code TZEROn + stored}, {@code TNULLn} kept (as astropy). For {@code K} with
     * {@code TZERO = 2^63} (unsigned 64-bit) each long holds the unsigned value's bits: read it with
     * {@link Long#toUnsignedString(long)}.
     *
     * @throws IllegalStateException when the column is not an integer one or is scaled by {@code TSCALn != 1}
     *         or a fractional {@code TZEROn}
     */
    public long[] integers(String name) {
        return Physical.integers(values(name));
    }

    /** The exact values of integer column {@code number} (from 1), as {@link #integers(String)}. */
    public long[] integers(int number) {
        return Physical.integers(values(number));
    }

    private ColumnValues values(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.column().name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column '" + name + "' was read; read were "
                        + names()));
    }

    private ColumnValues values(int number) {
        return columns.stream().filter(c -> c.column().number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("column " + number + " was not read"));
    }

    @Override
    public String toString() {
        return "TableData[rows " + first + "+" + rows + ", columns " + names() + "]";
    }
}

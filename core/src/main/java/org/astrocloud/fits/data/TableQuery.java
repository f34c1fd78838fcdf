package org.astrocloud.fits.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which rows and columns of a table {@link FitsDataReader#table} reads: the rows
 * {@code [first, first + count)}, clipped to the table as a Python slice is, and columns by name
 * ({@code TTYPEn}, case-insensitive) or number (from 1), in the order given. Immutable; by default
 * every row and every column.
 *
 * <pre>{@code
 * TableQuery q = TableQuery.all().rows(100, 50).columns("TSTART", "TSTOP");
 * reader.table(ref, q).subscribe(t -> System.out.println(t.rows() + " rows"));
 * }</pre>
 */
public final class TableQuery {
    private static final TableQuery ALL = new TableQuery(0, Long.MAX_VALUE, List.of());

    private final long first;
    private final long count;
    private final List<Object> columns;   // String names and Integer numbers

    private TableQuery(long first, long count, List<Object> columns) {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("first row " + first + " and count " + count + " must not be negative");
        }
        this.first = first;
        this.count = count;
        this.columns = List.copyOf(columns);
    }

    /** Every row and column. */
    public static TableQuery all() {
        return ALL;
    }

    /** A copy that selects the rows {@code [first, first + count)} (0-based). */
    public TableQuery rows(long first, long count) {
        return new TableQuery(first, count, columns);
    }

    /** A copy that selects the columns named {@code names}, in that order (none: every column). */
    public TableQuery columns(String... names) {
        List<Object> list = new ArrayList<>();
        for (String name : names) {
            list.add(Objects.requireNonNull(name, "name"));
        }
        return new TableQuery(first, count, list);
    }

    /** A copy that selects the columns numbered {@code numbers} (from 1), in that order (none: every column). */
    public TableQuery columns(int... numbers) {
        List<Object> list = new ArrayList<>();
        for (int n : numbers) {
            list.add(n);
        }
        return new TableQuery(first, count, list);
    }

    /** The first row asked for. */
    public long first() {
        return first;
    }

    /** How many rows are asked for ({@code Long.MAX_VALUE}: to the end). */
    public long count() {
        return count;
    }

    /** The rows of a table of {@code rows} rows that this query selects, as {@code {first, count}}. */
    long[] resolveRows(long rows) {
        long from = Math.min(first, rows);
        return new long[] {from, Math.min(count, rows - from)};
    }

    /** The columns of {@code ref} this query selects, in the order asked. */
    List<TableColumn> resolveColumns(DataReference ref) {
        if (columns.isEmpty()) {
            return ref.columns();
        }
        List<TableColumn> out = new ArrayList<>(columns.size());
        for (Object c : columns) {
            if (c instanceof Integer n) {
                if (n < 1 || n > ref.columns().size()) {
                    throw new IllegalArgumentException("no column " + n + ": HDU " + ref.hdu() + " has "
                            + ref.columns().size());
                }
                out.add(ref.columns().get(n - 1));
            } else {
                out.add(ref.column((String) c).orElseThrow(() -> new IllegalArgumentException(
                        "HDU " + ref.hdu() + " has no column '" + c + "'")));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableQuery q && first == q.first && count == q.count && columns.equals(q.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(first, count, columns);
    }

    @Override
    public String toString() {
        return "TableQuery[rows " + first + (count == Long.MAX_VALUE ? "-" : "+" + count)
                + (columns.isEmpty() ? ", all columns" : ", columns " + columns) + "]";
    }
}

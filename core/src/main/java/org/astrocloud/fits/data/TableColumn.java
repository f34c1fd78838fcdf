package org.astrocloud.fits.data;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of a table HDU as its header describes it: where it lies in a row and how its stored
 * values become physical ones ({@code TSCALn}, {@code TZEROn}, {@code TNULLn}).
 *
 * @param number the column number n, from 1
 * @param name {@code TTYPEn}, or empty
 * @param format {@code TFORMn} as written (without trailing blanks)
 * @param unit {@code TUNITn}, or empty
 * @param offset the byte offset of the column in a row ({@code TBCOLn - 1} for ASCII tables)
 * @param width the column's bytes in a row
 * @param scale {@code TSCALn}, 1 when absent
 * @param zero {@code TZEROn}, 0 when absent
 * @param nullValue {@code TNULLn} as written (an integer for binary tables, a string for ASCII tables), or null
 * @param dim {@code TDIMn} as written, or null
 */
public record TableColumn(int number, String name, String format, String unit, long offset, long width,
                          double scale, double zero, String nullValue, String dim) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the fields. */
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(unit, "unit");
        if (number < 1 || offset < 0 || width < 0) {
            throw new IllegalArgumentException("column " + number + ": offset " + offset + ", width " + width);
        }
    }

    /** {@code TNULLn}, when the header gives one. */
    public Optional<String> tnull() {
        return Optional.ofNullable(nullValue);
    }

    /** {@code TDIMn}, when the header gives one. */
    public Optional<String> tdim() {
        return Optional.ofNullable(dim);
    }

    /** True when {@code TSCALn} or {@code TZEROn} change the stored values. */
    public boolean isScaled() {
        return scale != 1 || zero != 0;
    }

}

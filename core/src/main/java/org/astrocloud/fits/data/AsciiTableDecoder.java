package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the fields of an ASCII table ({@code XTENSION = 'TABLE'}) as astropy reads them:
 * {@code Aw} as a string without trailing blanks, {@code Iw} as an integer, {@code Fw.d},
 * {@code Ew.d} and {@code Dw.d} as doubles (a {@code D} exponent read as {@code E}, the decimal
 * point as written); a blank field or one equal to {@code TNULLn} (blanks trimmed) is 0 and marked
 * null.
 */
final class AsciiTableDecoder {
    private AsciiTableDecoder() {
    }

    /** The values of {@code column} in the rows {@code cells} locates, from {@code rows}. */
    static ColumnValues decode(TableColumn column, ByteRuns rows, TableCells cells) {
        char code = Character.toUpperCase(column.format().strip().charAt(0));
        int count = cells.count();
        int width = (int) column.width();
        String tnull = column.tnull().map(String::strip).orElse(null);
        if (code == 'A') {
            String[] values = new String[count];
            for (int r = 0; r < count; r++) {
                values[r] = ElementDecoder.string(rows.slice(cells.cell(r, column), width), width);
            }
            return new ColumnValues(column, values, null, null, new int[0]);
        }
        boolean[] nulls = new boolean[count];
        long[] integers = code == 'I' ? new long[count] : null;
        double[] reals = code == 'I' ? null : new double[count];
        for (int r = 0; r < count; r++) {
            String field = text(rows.slice(cells.cell(r, column), width)).strip();
            nulls[r] = field.isEmpty() || field.equals(tnull);
            if (nulls[r]) {
                continue;
            }
            try {
                if (integers != null) {
                    integers[r] = Long.parseLong(field);
                } else {
                    reals[r] = Double.parseDouble(field.toUpperCase(Locale.ROOT).replace('D', 'E'));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + column.number() + " (" + column.format() + "), row "
                        + cells.row(r) + ": '" + field + "' is not a number", e);
            }
        }
        Object values = integers != null ? integers : reals;
        return new ColumnValues(column, values, values, nulls, new int[0]);
    }

    private static String text(ByteBuffer bytes) {
        byte[] chars = new byte[bytes.remaining()];
        bytes.duplicate().get(chars);
        return new String(chars, StandardCharsets.ISO_8859_1);
    }
}

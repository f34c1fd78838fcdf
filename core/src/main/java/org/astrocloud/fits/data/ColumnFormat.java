package org.astrocloud.fits.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binary-table column's {@code TFORMn} (FITS 4.0 §7.3.1), read: the repeat count, the element
 * type and, for variable-length arrays ({@code P} and {@code Q}), the type of the heap elements and
 * the maximum length. The one place where a column's width in a row is computed.
 *
 * <pre>{@code
 * ColumnFormat f = ColumnFormat.parse("1PE(1248)");
 * f.isVariableLength();  // true
 * f.width();             // 8: a pair of 32-bit ints, count and heap offset
 * }</pre>
 *
 * @param repeat the repeat count r of {@code rT}
 * @param type the element type (of the heap elements for a variable-length array)
 * @param variable 0, {@code 'P'} or {@code 'Q'}
 * @param maxLength for a variable-length array, the {@code (emax)} given, else -1
 */
public record ColumnFormat(long repeat, ElementType type, char variable, long maxLength) {
    private static final Pattern TFORM = Pattern.compile("\\s*(\\d*)\\s*([LXBIJKAEDCMPQ])\\s*([LXBIJKAEDCM]?)\\s*(?:\\((\\d+)\\))?.*");

    /** Reads {@code tform}, e.g. {@code "1E"}, {@code "20A"}, {@code "QD(12)"}. */
    public static ColumnFormat parse(String tform) {
        Matcher m = TFORM.matcher(tform.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a binary-table TFORM: '" + tform + "'");
        }
        long repeat = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        char code = m.group(2).charAt(0);
        if (code == 'P' || code == 'Q') {
            if (m.group(3).isEmpty()) {
                throw new IllegalArgumentException("a variable-length TFORM without an element type: '" + tform + "'");
            }
            long max = m.group(4) == null ? -1 : Long.parseLong(m.group(4));
            return new ColumnFormat(repeat, type(m.group(3).charAt(0)), code, max);
        }
        return new ColumnFormat(repeat, type(code), (char) 0, -1);
    }

    private static ElementType type(char code) {
        return switch (code) {
            case 'L' -> ElementType.LOGICAL;
            case 'X' -> ElementType.BIT;
            case 'B' -> ElementType.UINT8;
            case 'I' -> ElementType.INT16;
            case 'J' -> ElementType.INT32;
            case 'K' -> ElementType.INT64;
            case 'A' -> ElementType.CHAR;
            case 'E' -> ElementType.FLOAT32;
            case 'D' -> ElementType.FLOAT64;
            case 'C' -> ElementType.COMPLEX64;
            case 'M' -> ElementType.COMPLEX128;
            default -> throw new IllegalArgumentException("not a TFORM type code: " + code);
        };
    }

    /** True for {@code P} and {@code Q} columns, whose values live in the heap. */
    public boolean isVariableLength() {
        return variable != 0;
    }

    /**
     * The column's bytes in a row: {@code repeat} elements ({@code ceil(repeat / 8)} for bits), or
     * {@code repeat} descriptors of 8 ({@code P}) or 16 ({@code Q}) bytes.
     */
    public long width() {
        if (variable == 'P') {
            return repeat * 8;
        }
        if (variable == 'Q') {
            return repeat * 16;
        }
        if (type == ElementType.BIT) {
            return (repeat + 7) / 8;
        }
        return repeat * type.size();
    }
}

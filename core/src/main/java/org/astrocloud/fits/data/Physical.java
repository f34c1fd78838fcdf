package org.astrocloud.fits.data;

/**
 * Physical values of a numeric table column from its stored ones: {@code TZEROn + TSCALn x stored}
 * in double precision, {@code TNULLn} of an integer column and blank or null ASCII fields as NaN;
 * and the exact integers of an unscaled integer column, the unsigned conventions included.
 */
final class Physical {
    private static final double TWO_63 = 0x1p63;

    private Physical() {
    }

    static double[] of(ColumnValues v) {
        Object flat = numeric(v);
        TableColumn c = v.column();
        Long tnull = v.nulls() == null ? tnull(c) : null;
        double[] out = new double[java.lang.reflect.Array.getLength(flat)];
        for (int i = 0; i < out.length; i++) {
            double x;
            if (flat instanceof float[] f) {
                x = f[i];
            } else if (flat instanceof double[] d) {
                x = d[i];
            } else {
                long stored = stored(flat, i);
                if (tnull != null && stored == tnull) {
                    out[i] = Double.NaN;
                    continue;
                }
                x = stored;
            }
            if (v.nulls() != null && v.nulls()[i]) {
                out[i] = Double.NaN;
            } else {
                out[i] = c.isScaled() ? c.zero() + c.scale() * x : x;
            }
        }
        return out;
    }

    static long[] integers(ColumnValues v) {
        Object flat = numeric(v);
        TableColumn c = v.column();
        if (flat instanceof float[] || flat instanceof double[]) {
            throw new IllegalStateException("column " + c.number() + " (" + c.name() + ") holds floating-point values");
        }
        boolean unsigned64 = flat instanceof long[] && c.zero() == TWO_63 && v.nulls() == null;
        if (c.scale() != 1 || (!unsigned64 && (c.zero() != Math.rint(c.zero()) || Math.abs(c.zero()) >= TWO_63))) {
            throw new IllegalStateException("column " + c.number() + " (" + c.name() + ") is scaled by TSCAL "
                    + c.scale() + ", TZERO " + c.zero() + ": read physical()");
        }
        long zero = unsigned64 ? Long.MIN_VALUE : (long) c.zero();
        long[] out = new long[java.lang.reflect.Array.getLength(flat)];
        for (int i = 0; i < out.length; i++) {
            out[i] = unsigned64 ? stored(flat, i) ^ zero : stored(flat, i) + zero;
        }
        return out;
    }

    private static Object numeric(ColumnValues v) {
        if (v.flat() == null) {
            TableColumn c = v.column();
            throw new IllegalStateException("column " + c.number() + " (" + c.name() + ", " + c.format()
                    + ") is not numeric: read column()");
        }
        return v.flat();
    }

    private static long stored(Object flat, int i) {
        if (flat instanceof byte[] b) {
            return b[i] & 0xFF;
        }
        if (flat instanceof short[] s) {
            return s[i];
        }
        if (flat instanceof int[] n) {
            return n[i];
        }
        return ((long[]) flat)[i];
    }

    private static Long tnull(TableColumn c) {
        if (c.tnull().isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(c.tnull().get().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

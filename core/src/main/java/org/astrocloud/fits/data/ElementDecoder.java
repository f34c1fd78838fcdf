package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes big-endian binary-table elements of one {@link ElementType} into a Java array: the one
 * place where stored bytes of a table become values. Strings are trimmed as astropy reads them:
 * trailing NULs, then trailing whitespace.
 */
final class ElementDecoder {
    private static final byte TRUE = 'T';
    private static final byte FALSE = 'F';

    private ElementDecoder() {
    }

    /**
     * {@code count} elements of {@code type} from {@code bytes} (position 0): {@code Boolean[]}
     * (null for an undefined logical), {@code boolean[]} (bits, most significant first),
     * {@code byte[]} (unsigned), {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]},
     * {@code double[]}, complex values as {@code float[]} or {@code double[]} of {@code 2 x count}
     * (real, imaginary), and characters as one trimmed {@code String}.
     */
    static Object decode(ByteBuffer bytes, ElementType type, int count) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.BIG_ENDIAN);
        return switch (type) {
            case LOGICAL -> logicals(in, count);
            case BIT -> bits(in, count);
            case CHAR -> string(in, count);
            case UINT8 -> {
                byte[] out = new byte[count];
                in.get(out);
                yield out;
            }
            case INT16 -> {
                short[] out = new short[count];
                in.asShortBuffer().get(out);
                yield out;
            }
            case INT32 -> {
                int[] out = new int[count];
                in.asIntBuffer().get(out);
                yield out;
            }
            case INT64 -> {
                long[] out = new long[count];
                in.asLongBuffer().get(out);
                yield out;
            }
            case FLOAT32, COMPLEX64 -> {
                float[] out = new float[type == ElementType.FLOAT32 ? count : 2 * count];
                in.asFloatBuffer().get(out);
                yield out;
            }
            case FLOAT64, COMPLEX128 -> {
                double[] out = new double[type == ElementType.FLOAT64 ? count : 2 * count];
                in.asDoubleBuffer().get(out);
                yield out;
            }
        };
    }

    /** How many array entries {@code count} elements of {@code type} decode to (2 per complex, 1 string of chars). */
    static int entries(ElementType type, int count) {
        return switch (type) {
            case COMPLEX64, COMPLEX128 -> 2 * count;
            case CHAR -> 1;
            default -> count;
        };
    }

    /** Bytes that {@code count} elements of {@code type} take, with {@link ColumnFormat}'s rule. */
    static long bytes(ElementType type, long count) {
        return new ColumnFormat(count, type, (char) 0, -1).width();
    }

    private static Boolean[] logicals(ByteBuffer in, int count) {
        Boolean[] out = new Boolean[count];
        for (int i = 0; i < count; i++) {
            byte b = in.get();
            out[i] = b == TRUE ? Boolean.TRUE : b == FALSE ? Boolean.FALSE : null;
        }
        return out;
    }

    private static boolean[] bits(ByteBuffer in, int count) {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            out[i] = (in.get(in.position() + i / 8) & (0x80 >>> (i % 8))) != 0;
        }
        return out;
    }

    /** {@code count} characters, trailing NULs and then trailing whitespace removed (as astropy). */
    static String string(ByteBuffer in, int count) {
        byte[] chars = new byte[count];
        in.get(chars);
        int end = count;
        while (end > 0 && chars[end - 1] == 0) {
            end--;
        }
        while (end > 0 && isSpace(chars[end - 1])) {
            end--;
        }
        return new String(chars, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Python's whitespace among ASCII characters: what {@code str.rstrip()} removes. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }
}

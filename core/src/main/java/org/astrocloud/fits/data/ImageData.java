package org.astrocloud.fits.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The values of an image or of a section of one, in numpy (C) order: the stored values exactly
 * ({@link #rawBytes}, {@link #rawLong}, {@link #rawDouble} and the typed arrays) and the physical
 * ones, {@code BZERO + BSCALE x stored}, with {@code BLANK} (integer images) as NaN
 * ({@link #physical()}).
 *
 * <pre>{@code
 * ImageData box = reader.section(ref, Section.parse("1000:1030,500:530")).block();
 * box.shape();           // [30, 30]
 * box.physical(0);       // the first pixel, scaled
 * float[] raw = box.floats();
 * }</pre>
 *
 * <p>Physical values are computed in double precision; astropy computes them in single
 * precision for 8- and 16-bit images, so the two can differ in the last bits of a float. Integer
 * values beyond 2^53 (64-bit images) lose precision as doubles; {@link #rawLong} is exact.
 */
public final class ImageData {
    private final long[] shape;
    private final ElementType type;
    private final ByteBuffer raw;
    private final double bzero;
    private final double bscale;
    private final Long blank;

    ImageData(long[] shape, ElementType type, ByteBuffer raw, double bzero, double bscale, Long blank) {
        this.shape = shape.clone();
        this.type = type;
        this.raw = raw.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
        this.bzero = bzero;
        this.bscale = bscale;
        this.blank = blank;
    }

    /** The shape, numpy order (slowest axis first). */
    public long[] shape() {
        return shape.clone();
    }

    /** The type of the stored values. */
    public ElementType type() {
        return type;
    }

    /** How many values there are. */
    public int size() {
        return raw.remaining() / type.size();
    }

    /** The stored bytes, big-endian, read-only. */
    public ByteBuffer rawBytes() {
        return raw.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /** The stored value {@code i} (flat, C order) of an integer image. */
    public long rawLong(int i) {
        int at = i * type.size();
        return switch (type) {
            case UINT8 -> raw.get(at) & 0xFF;
            case INT16 -> raw.getShort(at);
            case INT32 -> raw.getInt(at);
            case INT64 -> raw.getLong(at);
            default -> throw new IllegalStateException("a " + type + " image has no integer values");
        };
    }

    /** The stored value {@code i} (flat, C order), widened to a double. */
    public double rawDouble(int i) {
        return switch (type) {
            case FLOAT32 -> raw.getFloat(i * 4);
            case FLOAT64 -> raw.getDouble(i * 8);
            default -> rawLong(i);
        };
    }

    /** The physical value {@code i}: NaN for BLANK, else {@code BZERO + BSCALE x stored}. */
    public double physical(int i) {
        if (type.isInteger()) {
            long v = rawLong(i);
            if (blank != null && v == blank) {
                return Double.NaN;
            }
            return bscale == 1 && bzero == 0 ? v : bzero + bscale * v;
        }
        double v = rawDouble(i);
        return bscale == 1 && bzero == 0 ? v : bzero + bscale * v;
    }

    /** All physical values. */
    public double[] physical() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = physical(i);
        }
        return out;
    }

    /** The stored values of an 8-bit image (unsigned: {@code b & 0xFF} reads one). */
    public byte[] bytes() {
        require(ElementType.UINT8);
        byte[] out = new byte[size()];
        raw.duplicate().get(out);
        return out;
    }

    /** The stored values of a 16-bit image. */
    public short[] shorts() {
        require(ElementType.INT16);
        short[] out = new short[size()];
        raw.duplicate().order(ByteOrder.BIG_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** The stored values of a 32-bit integer image. */
    public int[] ints() {
        require(ElementType.INT32);
        int[] out = new int[size()];
        raw.duplicate().order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** The stored values of a 64-bit integer image. */
    public long[] longs() {
        require(ElementType.INT64);
        long[] out = new long[size()];
        raw.duplicate().order(ByteOrder.BIG_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    /** The stored values of a single-precision image. */
    public float[] floats() {
        require(ElementType.FLOAT32);
        float[] out = new float[size()];
        raw.duplicate().order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The stored values of a double-precision image. */
    public double[] doubles() {
        require(ElementType.FLOAT64);
        double[] out = new double[size()];
        raw.duplicate().order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    private void require(ElementType wanted) {
        if (type != wanted) {
            throw new IllegalStateException("the image holds " + type + " values, not " + wanted);
        }
    }

    @Override
    public String toString() {
        return "ImageData[" + type + " " + Arrays.toString(shape) + "]";
    }
}

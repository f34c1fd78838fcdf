package org.astrocloud.fits.data;

/**
 * The type of one stored value of an image (from {@code BITPIX}) or of a table column element
 * (from the {@code TFORMn} code), big-endian as FITS stores it, with the numpy dtype that reads it.
 *
 * <pre>{@code
 * ElementType.fromBitpix(-32);   // FLOAT32, 4 bytes, numpy ">f4"
 * }</pre>
 */
public enum ElementType {
    /** BITPIX 8 / TFORM B: an unsigned byte. */
    UINT8(8, 1, "u1"),
    /** BITPIX 16 / TFORM I: a 16-bit two's-complement integer. */
    INT16(16, 2, ">i2"),
    /** BITPIX 32 / TFORM J: a 32-bit two's-complement integer. */
    INT32(32, 4, ">i4"),
    /** BITPIX 64 / TFORM K: a 64-bit two's-complement integer. */
    INT64(64, 8, ">i8"),
    /** BITPIX -32 / TFORM E: an IEEE 754 single. */
    FLOAT32(-32, 4, ">f4"),
    /** BITPIX -64 / TFORM D: an IEEE 754 double. */
    FLOAT64(-64, 8, ">f8"),
    /** TFORM L: a logical, {@code 'T'}, {@code 'F'} or 0 for undefined. */
    LOGICAL(0, 1, "S1"),
    /** TFORM A: one character of a string. */
    CHAR(0, 1, "S1"),
    /** TFORM X: a bit; {@code repeat} bits take {@code ceil(repeat / 8)} bytes. */
    BIT(0, 1, "u1"),
    /** TFORM C: a complex of two IEEE singles. */
    COMPLEX64(0, 8, ">c8"),
    /** TFORM M: a complex of two IEEE doubles. */
    COMPLEX128(0, 16, ">c16");

    private final int bitpix;
    private final int size;
    private final String numpy;

    ElementType(int bitpix, int size, String numpy) {
        this.bitpix = bitpix;
        this.size = size;
        this.numpy = numpy;
    }

    /** The type {@code bitpix} names. */
    public static ElementType fromBitpix(int bitpix) {
        return switch (bitpix) {
            case 8 -> UINT8;
            case 16 -> INT16;
            case 32 -> INT32;
            case 64 -> INT64;
            case -32 -> FLOAT32;
            case -64 -> FLOAT64;
            default -> throw new IllegalArgumentException("BITPIX must be 8, 16, 32, 64, -32 or -64: " + bitpix);
        };
    }

    /** The BITPIX of an image of this type; 0 for the table-only types. */
    public int bitpix() {
        return bitpix;
    }

    /** Bytes per value (per byte of bits for {@link #BIT}). */
    public int size() {
        return size;
    }

    /** The numpy dtype string that reads the stored bytes, e.g. {@code ">i2"}. */
    public String numpyDtype() {
        return numpy;
    }

    /** True for the integer types, where BLANK and TNULL apply. */
    public boolean isInteger() {
        return this == UINT8 || this == INT16 || this == INT32 || this == INT64;
    }
}

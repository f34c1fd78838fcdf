package org.astrocloud.fits.spi;

/**
 * A contiguous range of bytes in an object: {@code length} bytes starting at {@code offset}.
 *
 * <p>This record is the one place that turns a range into the text of an HTTP {@code Range}
 * header ({@link #toHttpRange()}); every source renders its requests through it.
 *
 * <pre>{@code
 * ByteRange r = ByteRange.of(0, 65_536);
 * r.toHttpRange();   // "bytes=0-65535"
 * r.end();           // 65536 (exclusive)
 * }</pre>
 *
 * @param offset the first byte, zero-based, never negative
 * @param length how many bytes, at least one
 */
public record ByteRange(long offset, long length) {

    /** Checks the invariants: offset not negative, length at least one, end representable. */
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1: " + length);
        }
        Math.addExact(offset, length);
    }

    /** Returns the range of {@code length} bytes at {@code offset}. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    /** Returns the offset one past the last byte of this range. */
    public long end() {
        return offset + length;
    }

    /** Returns the offset of the last byte of this range (inclusive). */
    public long last() {
        return offset + length - 1;
    }

    /** Renders this range as the value of an HTTP {@code Range} header: {@code bytes=first-last}. */
    public String toHttpRange() {
        return "bytes=" + offset + "-" + last();
    }

    @Override
    public String toString() {
        return "[" + offset + ", " + end() + ")";
    }
}

package org.astrocloud.fits.spi;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link ByteRangeSource} answered for one {@link ByteRange}: the bytes at {@code offset}
 * and, when the source learned it, the size of the whole object.
 *
 * <p>The bytes are exactly the requested range, or fewer when the range runs past the end of
 * the object, or none when the range starts at or after the end. The buffer belongs to the
 * receiver; its position is 0 and its limit is the number of bytes.
 */
public final class RangeBytes {
    private final long offset;
    private final ByteBuffer bytes;
    private final long objectSize;
    private final String validator;

    private RangeBytes(long offset, ByteBuffer bytes, long objectSize, String validator) {
        this.offset = offset;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.objectSize = objectSize;
        this.validator = validator;
    }

    /** Bytes read at {@code offset} from an object of known {@code objectSize}. */
    public static RangeBytes of(long offset, ByteBuffer bytes, long objectSize) {
        if (objectSize < 0) {
            throw new IllegalArgumentException("object size must not be negative: " + objectSize);
        }
        if (bytes.hasRemaining() && offset + bytes.remaining() > objectSize) {
            throw new IllegalArgumentException("bytes at " + offset + " run past the object size " + objectSize);
        }
        return new RangeBytes(offset, bytes, objectSize, null);
    }

    /** Bytes read at {@code offset} from an object whose size the source does not know. */
    public static RangeBytes ofUnknownSize(long offset, ByteBuffer bytes) {
        return new RangeBytes(offset, bytes, -1, null);
    }

    /**
     * A copy that carries the object's validator: the HTTP {@code ETag} (or S3 ETag) the answer came
     * with, verbatim, quotes and a weak {@code W/} prefix included.
     */
    public RangeBytes withValidator(String validator) {
        return new RangeBytes(offset, bytes, objectSize, Objects.requireNonNull(validator, "validator"));
    }

    /** The object's validator (its ETag) when the source learned one with these bytes. */
    public Optional<String> validator() {
        return Optional.ofNullable(validator);
    }

    /** The offset of the first byte. */
    public long offset() {
        return offset;
    }

    /** The bytes, from position 0 to the limit. */
    public ByteBuffer bytes() {
        return bytes;
    }

    /** How many bytes were read. */
    public int length() {
        return bytes.remaining();
    }

    /** The size of the whole object, when the source knows it. */
    public OptionalLong objectSize() {
        return objectSize < 0 ? OptionalLong.empty() : OptionalLong.of(objectSize);
    }

    @Override
    public String toString() {
        return "RangeBytes[offset=" + offset + ", length=" + length() + ", objectSize="
                + (objectSize < 0 ? "unknown" : Long.toString(objectSize))
                + (validator == null ? "" : ", validator=" + validator) + "]";
    }
}

package org.astrocloud.fits.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * One HDU's header as a catalog keeps it: where it starts and its bytes exactly as stored (cards, END
 * and padding), from which the header is parsed again and re-rendered byte for byte.
 *
 * @param index the HDU's index, 0 for the primary
 * @param headerOffset where the header starts (in the decompressed stream for gzip)
 * @param bytes the header's bytes, a multiple of 2880 long
 */
public record StoredHeader(int index, long headerOffset, byte[] bytes) {

    /** Checks and copies the bytes. */
    public StoredHeader {
        Objects.requireNonNull(bytes, "bytes");
        if (index < 0 || headerOffset < 0 || bytes.length == 0 || bytes.length % 2880 != 0) {
            throw new IllegalArgumentException("HDU " + index + " at " + headerOffset + ": " + bytes.length
                    + " header bytes (must be a positive multiple of 2880)");
        }
        bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredHeader h && index == h.index && headerOffset == h.headerOffset
                && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(headerOffset) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredHeader[#" + index + " at " + headerOffset + ", " + bytes.length + " bytes]";
    }
}

package org.astrocloud.fits;

import java.util.OptionalLong;

/** What a walk learned about the file besides its headers: its size and trailing bytes. */
final class WalkReport {
    private volatile long size = -1;
    private volatile long trailingBytes = -1;

    void size(long value) {
        size = value;
    }

    void trailingBytes(long value) {
        trailingBytes = value;
    }

    OptionalLong size() {
        long s = size;
        return s < 0 ? OptionalLong.empty() : OptionalLong.of(s);
    }

    OptionalLong trailingBytes() {
        long t = trailingBytes;
        return t < 0 ? OptionalLong.empty() : OptionalLong.of(t);
    }
}

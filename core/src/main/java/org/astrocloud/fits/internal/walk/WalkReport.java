package org.astrocloud.fits.internal.walk;

import java.util.OptionalLong;

/** What a walk learned about the file besides its headers: its size and trailing bytes. */
public final class WalkReport {
    private volatile long size = -1;
    private volatile long trailingBytes = -1;

    public void size(long value) {
        size = value;
    }

    public void trailingBytes(long value) {
        trailingBytes = value;
    }

    public OptionalLong size() {
        long s = size;
        return s < 0 ? OptionalLong.empty() : OptionalLong.of(s);
    }

    public OptionalLong trailingBytes() {
        long t = trailingBytes;
        return t < 0 ? OptionalLong.empty() : OptionalLong.of(t);
    }
}

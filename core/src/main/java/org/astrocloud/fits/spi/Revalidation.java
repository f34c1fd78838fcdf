package org.astrocloud.fits.spi;

import java.util.Objects;

/**
 * What {@link ByteRangeSource#revalidate} found: whether the object is the version the caller knew,
 * and the object as the source sees it now (its size and ETag when the answer gave them).
 *
 * @param unchanged true when the source confirmed the known version
 * @param current the object now
 */
public record Revalidation(boolean unchanged, ObjectInfo current) {
    /** Checks the object. */
    public Revalidation {
        Objects.requireNonNull(current, "current");
    }
}

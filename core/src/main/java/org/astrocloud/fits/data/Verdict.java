package org.astrocloud.fits.data;

/**
 * What one checksum keyword of an HDU says about it.
 *
 * <pre>{@code
 * if (hdu.datasum() == Verdict.BAD) {
 *     log.warn("HDU {}: DATASUM {} but the data sum to {}", hdu.index(), hdu.datasumCard().orElse(""), hdu.dataSum());
 * }
 * }</pre>
 */
public enum Verdict {
    /** The keyword is present and its value matches the bytes. */
    OK,
    /** The header has no such keyword: nothing to check. */
    MISSING,
    /** The keyword is present and its value does not match the bytes (or is not a checksum at all). */
    BAD
}

package org.astrocloud.fits;

/** Where a {@link ScanResult}'s headers came from. */
public enum ScanOrigin {
    /** The object was walked: its headers were read from the source. */
    WALKED,
    /** The catalog answered: its entry was fresh, no request was made. */
    CATALOG,
    /**
     * The catalog answered after checking that the object is unchanged: from the listing's ETag and
     * size (no request of its own), or with one conditional request.
     */
    REVALIDATED
}

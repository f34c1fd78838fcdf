package org.astrocloud.fits.internal.walk;

/**
 * The structural keywords of one header, as read by {@link StructuralParser}.
 *
 * @param conforming false only for a primary header with {@code SIMPLE = F}
 * @param xtension the XTENSION value without trailing blanks, or {@code null} for a primary header
 * @param cardCount physical cards before {@code END}
 */
public record HeaderStructure(boolean conforming, String xtension, int bitpix, long[] naxis, long pcount, long gcount,
                       boolean groups, boolean zimage, int cardCount) {

    /** Whether this is the primary header (no XTENSION). */
    public boolean isPrimary() {
        return xtension == null;
    }

    /** Whether this is a primary header in random-groups form. */
    public boolean isRandomGroups() {
        return isPrimary() && groups && naxis.length > 0 && naxis[0] == 0;
    }
}

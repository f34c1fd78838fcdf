package org.astrocloud.fits;

/**
 * The structural keywords of one header, as read by {@link StructuralParser}.
 *
 * @param conforming false only for a primary header with {@code SIMPLE = F}
 * @param xtension the XTENSION value without trailing blanks, or {@code null} for a primary header
 * @param cardCount physical cards before {@code END}
 */
record HeaderStructure(boolean conforming, String xtension, int bitpix, long[] naxis, long pcount, long gcount,
                       boolean groups, boolean zimage, int cardCount) {

    boolean isPrimary() {
        return xtension == null;
    }

    boolean isRandomGroups() {
        return isPrimary() && groups && naxis.length > 0 && naxis[0] == 0;
    }

    HduKind kind() {
        if (isPrimary()) {
            return isRandomGroups() ? HduKind.RANDOM_GROUPS : HduKind.PRIMARY;
        }
        return switch (xtension) {
            case "IMAGE", "IUEIMAGE" -> HduKind.IMAGE;
            case "BINTABLE", "A3DTABLE" -> zimage ? HduKind.COMPRESSED_IMAGE : HduKind.BINTABLE;
            case "TABLE" -> HduKind.TABLE;
            default -> HduKind.OTHER;
        };
    }
}

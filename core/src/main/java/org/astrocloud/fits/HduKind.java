package org.astrocloud.fits;

/** What an HDU holds, from its first card, XTENSION value and a few flags. */
public enum HduKind {
    /** The primary HDU: an image, or no data (NAXIS = 0). */
    PRIMARY,
    /** The primary HDU in random-groups form ({@code GROUPS = T}, {@code NAXIS1 = 0}). */
    RANDOM_GROUPS,
    /** An {@code XTENSION = 'IMAGE'} extension (also the old {@code 'IUEIMAGE'}). */
    IMAGE,
    /** An {@code XTENSION = 'BINTABLE'} extension (also the old {@code 'A3DTABLE'}). */
    BINTABLE,
    /** An {@code XTENSION = 'TABLE'} (ASCII table) extension. */
    TABLE,
    /** A tile-compressed image: a binary table with {@code ZIMAGE = T}. */
    COMPRESSED_IMAGE,
    /** An extension of a type this library does not know; its size still follows the standard. */
    OTHER
}

package org.astrocloud.fits.internal.walk;

import java.net.URI;

/**
 * One header as the walk found it, before the API turns it into a {@code FitsHeader}: where it
 * lies, its padded bytes, its structural keywords and the extent of its data unit.
 *
 * @param uri the object walked
 * @param index the HDU index
 * @param headerOffset where the header starts
 * @param bytes the header, padded to whole blocks (the walk's own copy)
 * @param structure its structural keywords
 * @param dataSize the data unit's size without padding
 * @param paddedDataSize the data unit's size with padding
 * @param compression {@code "gzip"} for a walk over a decompressed stream, else {@code null}
 */
public record HeaderUnit(URI uri, int index, long headerOffset, byte[] bytes, HeaderStructure structure,
                         long dataSize, long paddedDataSize, String compression, String validator) {

    /** A copy carrying the object's validator (its ETag), or none. */
    public HeaderUnit withValidator(String validator) {
        return new HeaderUnit(uri, index, headerOffset, bytes, structure, dataSize, paddedDataSize, compression, validator);
    }

    /** Where the data unit starts. */
    public long dataOffset() {
        return headerOffset + bytes.length;
    }

    /** Where the data unit ends, without padding. */
    public long dataEnd() {
        return dataOffset() + dataSize;
    }

    /** Where the next header would start. */
    public long nextOffset() {
        return dataOffset() + paddedDataSize;
    }
}

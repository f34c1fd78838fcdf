package org.astrocloud.fits.fuzz;

import java.util.List;
import org.astrocloud.fits.testkit.FitsBytes;

/**
 * One HDU the seed generator writes, with what a walk must make of it, known from how it was
 * written: the keywords of its logical cards in order, its header bytes and its data unit.
 *
 * @param keywords the keyword of each logical card (a long string once, HIERARCH without the prefix)
 * @param header the header bytes, END and padding included
 * @param dataSize the data unit's size before padding
 */
record SeedHdu(List<String> keywords, byte[] header, long dataSize) {
    /** The data unit, padded to whole blocks. */
    byte[] data() {
        return FitsBytes.data(Math.toIntExact(dataSize));
    }

    /** The header and the data unit. */
    byte[] bytes() {
        return FitsBytes.concat(header, data());
    }
}

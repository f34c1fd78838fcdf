package org.astrocloud.fits;

import org.astrocloud.fits.internal.FormatErrors;
import java.net.URI;
import java.util.Arrays;

/** Turns a complete header's bytes into a {@link FitsHeader}: structure, data extent, transform. */
final class HeaderBuilder {
    private HeaderBuilder() {
    }

    /**
     * Builds the header found at {@code offset} whose END card is card {@code endCard} of
     * {@code bytes} (which hold exactly the padded header).
     *
     * @throws InvalidKeywordException if a structural keyword is missing or invalid
     * @throws DataSizeOverflowException if the data size or the next offset overflows
     */
    static FitsHeader build(byte[] bytes, int endCard, URI uri, int index, long offset, WalkSettings settings) {
        HeaderStructure st = StructuralParser.parse(bytes, endCard, uri, index, offset);
        long dataSize;
        long padded;
        try {
            dataSize = FitsBlocks.dataSize(st.bitpix(), st.naxis(), st.pcount(), st.gcount(), st.isRandomGroups());
            padded = FitsBlocks.padded(dataSize);
            Math.addExact(Math.addExact(offset, bytes.length), padded);
        } catch (ArithmeticException e) {
            throw FormatErrors.dataSizeOverflow("the data size overflows 64 bits (BITPIX=" + st.bitpix()
                    + ", NAXIS=" + Arrays.toString(st.naxis()) + ", PCOUNT=" + st.pcount()
                    + ", GCOUNT=" + st.gcount() + ")", uri, index, offset);
        }
        FitsHeader header = new FitsHeader(uri, index, st, offset, bytes.length, dataSize, padded,
                settings.compression(), bytes, endCard, null);
        return settings.transform().apply(header);
    }

    /** Whether the card at {@code at} in {@code bytes} starts with {@code text}. */
    static boolean cardStartsWith(byte[] bytes, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the card at {@code at} is the END card: {@code END} followed by blanks, or (as
     * astropy also accepts, with a warning) by blanks and then a character that cannot continue a
     * keyword, such as the NUL padding some writers leave after END.
     */
    static boolean isEnd(byte[] bytes, int at) {
        if (bytes[at] != 'E' || bytes[at + 1] != 'N' || bytes[at + 2] != 'D') {
            return false;
        }
        for (int i = 3; i < FitsBlocks.CARD_SIZE; i++) {
            byte b = bytes[at + i];
            if (b != ' ') {
                return !((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-');
            }
        }
        return true;
    }

    /** Whether the card at {@code at} starts a primary header. */
    static boolean isSimple(byte[] bytes, int at) {
        return cardStartsWith(bytes, at, "SIMPLE  =");
    }

    /** Whether the card at {@code at} starts an extension header. */
    static boolean isXtension(byte[] bytes, int at) {
        return cardStartsWith(bytes, at, "XTENSION=");
    }
}

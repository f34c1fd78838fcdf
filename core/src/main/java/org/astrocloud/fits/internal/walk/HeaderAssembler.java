package org.astrocloud.fits.internal.walk;

import java.net.URI;
import java.util.Arrays;
import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.internal.FormatErrors;

/**
 * Assembles one header from bytes fed in any pieces, for both walks: checks its first card, finds
 * END card by card as bytes arrive (never rescanning), applies the size cap, says how a header
 * that the input cut short ended, and builds the {@link HeaderUnit} with its data extent. The FITS
 * end-of-header rules live here and nowhere else.
 *
 * <p>Takes only the header's own bytes: once END is found it asks for exactly the rest of the
 * header's last block, so that the caller knows where the data unit starts. Not thread-safe.
 */
public final class HeaderAssembler {
    /** Where the header being assembled stands. */
    public enum Progress {
        /** More bytes are needed. */
        NEEDS_BYTES,
        /** The header is complete: {@link #header()} builds it. */
        COMPLETE,
        /** An extension was expected but the bytes do not start with XTENSION: the file ends here. */
        NOT_A_HEADER
    }

    private final URI uri;
    private final int maxHeaderSize;
    private final String compression;
    private final String inputName;
    private byte[] bytes = new byte[FitsBlocks.BLOCK_SIZE];
    private int held;
    private int index;
    private long offset;
    private int scannedCards;
    private int endCard = -1;
    private long headerSize = -1;
    private Progress progress = Progress.NEEDS_BYTES;

    /**
     * @param compression {@code "gzip"} for a decompressed stream, else {@code null}
     * @param inputName what the input is called in messages: "file" or "decompressed stream"
     */
    public HeaderAssembler(URI uri, int maxHeaderSize, String compression, String inputName) {
        this.uri = uri;
        this.maxHeaderSize = maxHeaderSize;
        this.compression = compression;
        this.inputName = inputName;
    }

    /** Starts on header {@code index}, expected at {@code offset}. */
    public void begin(int index, long offset) {
        this.index = index;
        this.offset = offset;
        held = 0;
        scannedCards = 0;
        endCard = -1;
        headerSize = -1;
        progress = Progress.NEEDS_BYTES;
    }

    public Progress progress() {
        return progress;
    }

    /** Bytes taken so far for this header. */
    int held() {
        return held;
    }

    /** How many more bytes the header needs at least: the rest of its last block once END is known, else a card. */
    long wanted() {
        return headerSize >= 0 ? headerSize - held : FitsBlocks.CARD_SIZE - held % FitsBlocks.CARD_SIZE;
    }

    /**
     * Takes bytes {@code from .. from + length} of {@code src}, no more than the header needs.
     *
     * @return how many bytes were taken
     * @throws RuntimeException a format error: not FITS, or a header larger than the cap
     */
    public int accept(byte[] src, int from, int length) {
        int taken = 0;
        while (taken < length && progress == Progress.NEEDS_BYTES) {
            // before END is known, a block at a time: END then lies in the block just taken, and the
            // header, padded to whole blocks, ends where that block does
            long room = headerSize >= 0 ? headerSize - held : FitsBlocks.BLOCK_SIZE - held % FitsBlocks.BLOCK_SIZE;
            int take = (int) Math.min(length - taken, room);
            ensureCapacity(held + take);
            System.arraycopy(src, from + taken, bytes, held, take);
            held += take;
            taken += take;
            if (headerSize < 0) {
                scan();
            }
            if (headerSize >= 0 && held == headerSize) {
                progress = Progress.COMPLETE;
            } else if (headerSize < 0 && progress == Progress.NEEDS_BYTES && held >= maxHeaderSize) {
                throw tooLarge();
            }
        }
        return taken;
    }

    /** Checks the first card, then looks for END in the cards that have become complete. */
    private void scan() {
        int whole = held / FitsBlocks.CARD_SIZE;
        if (scannedCards == 0 && whole > 0) {
            if (index == 0 && !isSimple(bytes, 0)) {
                throw FormatErrors.notFits("not a FITS file: the first card"
                        + (compression == null ? "" : " of the decompressed stream") + " is not SIMPLE", uri, 0, 0);
            }
            if (index > 0 && !isXtension(bytes, 0)) {
                progress = Progress.NOT_A_HEADER;
                return;
            }
        }
        for (int c = scannedCards; c < whole; c++) {
            if (isEnd(bytes, c * FitsBlocks.CARD_SIZE)) {
                endCard = c;
                headerSize = FitsBlocks.padded((c + 1L) * FitsBlocks.CARD_SIZE);
                if (headerSize > maxHeaderSize) {
                    throw tooLarge();
                }
                scannedCards = c + 1;
                return;
            }
        }
        scannedCards = whole;
    }

    /**
     * The error, if any, for a header that the input ends in the middle of, at {@code end}: an empty
     * file, a first card cut short, a last block cut short, or whole blocks without END. Empty when
     * the input simply ended before another extension (the bytes held, if any, are trailing bytes).
     */
    RuntimeException endedAt(long end) {
        if (index == 0 && held == 0) {
            return FormatErrors.emptyFile("the " + inputName + " is empty", uri, 0, 0);
        }
        if (held < FitsBlocks.CARD_SIZE) {
            return index == 0 ? FormatErrors.notFits("not a FITS file: the " + inputName
                    + " is shorter than one card", uri, 0, 0) : null;
        }
        if (progress == Progress.NOT_A_HEADER) {
            return null;
        }
        if (headerSize >= 0) {
            return FormatErrors.truncatedHeader("the header's last block is cut short by the end of the " + inputName
                    + " at " + end, uri, index, offset);
        }
        if (held % FitsBlocks.BLOCK_SIZE != 0) {
            return FormatErrors.truncatedHeader("the header is cut short by the end of the " + inputName + " at " + end
                    + " without an END card", uri, index, offset);
        }
        return FormatErrors.missingEnd("the header has no END card before the end of the " + inputName + " at " + end,
                uri, index, offset);
    }

    /**
     * The complete header, with its structure and data extent.
     *
     * @throws RuntimeException an invalid structural keyword, or a data size that overflows
     */
    public HeaderUnit header() {
        if (progress != Progress.COMPLETE) {
            throw new IllegalStateException("the header is not complete");
        }
        byte[] header = held == bytes.length ? bytes : Arrays.copyOf(bytes, held);
        bytes = new byte[FitsBlocks.BLOCK_SIZE];
        return unit(header, endCard, uri, index, offset, compression);
    }

    /**
     * The header in {@code header} (whole blocks, END among them), as {@link #header} makes it: what
     * a catalog's stored bytes become again.
     *
     * @throws RuntimeException no END card, an invalid structural keyword, or a data size that overflows
     */
    public static HeaderUnit parse(byte[] header, URI uri, int index, long offset, String compression) {
        for (int c = 0; c * FitsBlocks.CARD_SIZE < header.length; c++) {
            if (isEnd(header, c * FitsBlocks.CARD_SIZE)) {
                return unit(header, c, uri, index, offset, compression);
            }
        }
        throw FormatErrors.missingEnd("no END card in the " + header.length + " stored header bytes", uri, index, offset);
    }

    private static HeaderUnit unit(byte[] header, int endCard, URI uri, int index, long offset, String compression) {
        HeaderStructure st = StructuralParser.parse(header, endCard, uri, index, offset);
        long dataSize;
        long padded;
        try {
            dataSize = FitsBlocks.dataSize(st.bitpix(), st.naxis(), st.pcount(), st.gcount(), st.isRandomGroups());
            padded = FitsBlocks.padded(dataSize);
            Math.addExact(Math.addExact(offset, header.length), padded);
        } catch (ArithmeticException e) {
            throw FormatErrors.dataSizeOverflow("the data size overflows 64 bits (BITPIX=" + st.bitpix()
                    + ", NAXIS=" + Arrays.toString(st.naxis()) + ", PCOUNT=" + st.pcount()
                    + ", GCOUNT=" + st.gcount() + ")", uri, index, offset);
        }
        return new HeaderUnit(uri, index, offset, header, st, dataSize, padded, compression, null);
    }

    private RuntimeException tooLarge() {
        return FormatErrors.headerTooLarge("no END card within the maximum header size of " + maxHeaderSize + " bytes",
                uri, index, offset);
    }

    private void ensureCapacity(int size) {
        if (size > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(size, 2L * bytes.length), Integer.MAX_VALUE - 8));
        }
    }

    /**
     * Whether the card at {@code at} is the END card: {@code END} followed by blanks, or (as
     * astropy also accepts, with a warning) by blanks and then a character that cannot continue a
     * keyword, such as the NUL padding some writers leave after END.
     */
    public static boolean isEnd(byte[] bytes, int at) {
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
        return FitsBlocks.cardStartsWith(bytes, at, "SIMPLE  =");
    }

    /** Whether the card at {@code at} starts an extension header. */
    static boolean isXtension(byte[] bytes, int at) {
        return FitsBlocks.cardStartsWith(bytes, at, "XTENSION=");
    }
}

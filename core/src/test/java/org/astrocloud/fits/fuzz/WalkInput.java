package org.astrocloud.fits.fuzz;

import java.util.Arrays;
import org.astrocloud.fits.FitsScanner;

/**
 * A fuzz input for a walk: {@value #SETTINGS} bytes of settings, then the object. Byte 0 holds
 * flags: bit 0 whether answers tell the object's size, bits 1-2 the largest header accepted,
 * bits 3-5 the largest chunk a stream arrives in. Byte 1 sets the read-ahead, bytes 2-3 seed the
 * chunk sizes. A shorter input reads as if padded with zeros.
 *
 * @param object the bytes of the object walked
 * @param knownSize whether answers tell the object's size
 * @param readAhead the scanner's read-ahead
 * @param maxHeaderSize the scanner's largest header
 * @param chunkSeed the seed of the chunk sizes of a stream
 * @param maxChunk the largest chunk of a stream
 */
record WalkInput(byte[] object, boolean knownSize, int readAhead, int maxHeaderSize, long chunkSeed, int maxChunk) {
    /** How many bytes of settings precede the object. */
    static final int SETTINGS = 4;
    private static final int BLOCK = 2880;
    private static final int[] MAX_HEADER = {FitsScanner.DEFAULT_MAX_HEADER_SIZE, BLOCK, 3 * BLOCK, 64 * BLOCK};
    private static final int[] MAX_CHUNK = {65_536, 1, 7, 80, BLOCK - 1, BLOCK, 4096, 1 << 20};

    /** Reads {@code input}. */
    static WalkInput of(byte[] input) {
        byte[] s = Arrays.copyOf(input, SETTINGS);
        byte[] object = input.length > SETTINGS ? Arrays.copyOfRange(input, SETTINGS, input.length) : new byte[0];
        int flags = s[0] & 0xff;
        return new WalkInput(object, (flags & 1) == 0, BLOCK + (s[1] & 0xff) * 256, MAX_HEADER[flags >> 1 & 3],
                (s[2] & 0xff) << 8 | (s[3] & 0xff), MAX_CHUNK[flags >> 3 & 7]);
    }

    /**
     * The input of settings {@code flags} and {@code readAhead} (as in bytes 0 and 1), chunk seed 0,
     * and {@code object}: how the seed corpus writes its inputs.
     */
    static byte[] encode(int flags, int readAhead, byte[] object) {
        byte[] input = new byte[SETTINGS + object.length];
        input[0] = (byte) flags;
        input[1] = (byte) readAhead;
        System.arraycopy(object, 0, input, SETTINGS, object.length);
        return input;
    }

    /** The scanner these settings describe. */
    FitsScanner scanner() {
        return scanner(0);
    }

    /** The scanner these settings describe, accepting headers of at least {@code headerSize} bytes. */
    FitsScanner scanner(int headerSize) {
        return FitsScanner.create().readAhead(readAhead).maxHeaderSize(Math.max(maxHeaderSize, headerSize));
    }

    /** A source over {@code bytes} (the object, or what the test made of it) with these settings. */
    FuzzSource source(byte[] bytes) {
        return new FuzzSource(bytes, knownSize, chunkSeed, maxChunk);
    }
}

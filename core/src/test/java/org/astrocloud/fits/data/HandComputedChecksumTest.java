package org.astrocloud.fits.data;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.junit.jupiter.api.Test;

/**
 * DATASUM worked out by hand, independently of nom-tam-fits: the ones'-complement sum of big-endian
 * 32-bit words, where a carry out of bit 31 is added back in at bit 0 (FITS 4.0, appendix J).
 */
class HandComputedChecksumTest {
    /**
     * Twelve data bytes, three words:
     * <pre>
     *   0x80000000
     * + 0x80000001  = 0x1_00000001  carry out of bit 31: 0x00000001 + 1 = 0x00000002
     * + 0x00010002  = 0x00010004    = 65,540 decimal
     * </pre>
     * then 2,868 zero bytes of padding, which add nothing.
     */
    private static final byte[] DATA = {
        (byte) 0x80, 0, 0, 0,
        (byte) 0x80, 0, 0, 1,
        0, 1, 0, 2,
    };
    private static final long DATASUM = 0x00010004L;

    @Test
    void threeWordsSumTo65540() {
        assertEquals(65_540, DATASUM);
        assertEquals(DATASUM, new OnesComplementSum().add(ByteBuffer.wrap(DATA)).value());
    }

    @Test
    void negativeZeroAddsNothing() {
        // 0x01020304 + 0xFFFFFFFF = 0x1_01020303; the carry added back in: 0x01020304
        byte[] bytes = {1, 2, 3, 4, -1, -1, -1, -1};
        assertEquals(0x01020304L, new OnesComplementSum().add(ByteBuffer.wrap(bytes)).value());
    }

    @Test
    void aLastWordCutShortCountsAsPaddedWithZeros() {
        // 01 02 03 is the word 0x01020300
        assertEquals(0x01020300L, new OnesComplementSum().add(ByteBuffer.wrap(new byte[] {1, 2, 3})).value());
    }

    @Test
    void anyChunkingGivesTheSameSum() {
        byte[] bytes = new byte[1001];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        long whole = new OnesComplementSum().add(ByteBuffer.wrap(bytes)).value();
        for (int piece : List.of(1, 2, 3, 5, 7, 64, 999)) {
            OnesComplementSum sum = new OnesComplementSum();
            for (int at = 0; at < bytes.length; at += piece) {
                // a buffer whose position is not 0, as a slice of a larger read may be
                ByteBuffer b = ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, at + piece));
                b.position(at);
                sum.add(b);
                assertEquals(at, b.position(), "the position is left as it was");
            }
            assertEquals(whole, sum.value(), "pieces of " + piece);
            assertEquals(bytes.length, sum.length());
        }
    }

    @Test
    void theVerifierFindsTheHandComputedDatasum() {
        byte[] file = concat(
                header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", DATA.length),
                        card("DATASUM", str("65540"))),
                Arrays.copyOf(DATA, 2880));
        HduChecksum hdu = ChecksumVerifier.create()
                .verify(MemoryByteRangeSource.of(URI.create("memory:/hand.fits"), file))
                .single().block(Duration.ofSeconds(10));
        assertEquals(DATASUM, hdu.dataSum());
        assertEquals("65540", hdu.computedDatasum());
        assertEquals(OptionalLong.of(65_540), hdu.expectedDatasum());
        assertEquals(Verdict.OK, hdu.datasum());
        assertEquals(Verdict.MISSING, hdu.checksum());
        assertEquals(2880, hdu.paddedDataSize());
    }

    @Test
    void aWrongDatasumIsBadAndAnEmptyDataUnitSumsToZero() {
        byte[] file = concat(
                header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", DATA.length),
                        card("DATASUM", str("65541"))),
                Arrays.copyOf(DATA, 2880),
                header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 0), card("PCOUNT", 0),
                        card("GCOUNT", 1), card("DATASUM", str("0"))));
        List<HduChecksum> hdus = ChecksumVerifier.create()
                .verify(MemoryByteRangeSource.of(URI.create("memory:/two.fits"), file))
                .collectList().block(Duration.ofSeconds(10));
        assertEquals(Verdict.BAD, hdus.get(0).datasum());
        assertEquals(0, hdus.get(1).dataSum());
        assertEquals(Verdict.OK, hdus.get(1).datasum());
    }
}

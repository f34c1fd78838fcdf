package org.astrocloud.fits;

import org.astrocloud.fits.error.DataSizeOverflowException;
import static org.astrocloud.fits.testkit.FitsBytes.BLOCK;
import static org.astrocloud.fits.testkit.FitsBytes.endCardIndex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.LongStream;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import nom.tam.util.FitsOutputStream;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A property test of the data-unit arithmetic: random valid headers are written by nom-tam-fits,
 * and the scanner's {@link FitsHeader#paddedDataSize()} must equal nom-tam's
 * {@link Header#getDataSize()} (which includes the padding), and {@link FitsHeader#dataSize()}
 * the FITS formula {@code |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1*...*NAXISn)} computed here.
 * Headers whose layout does not fit in 64 bits must fail with {@link DataSizeOverflowException}.
 *
 * <p>Only the header bytes are scanned: the first header is emitted before the walk would notice
 * the missing data. nom-tam-fits reads NAXISn, PCOUNT and GCOUNT as {@code int}, so its data size is
 * the reference only when they all fit in an {@code int} and the size fits in a {@code long}; the
 * formula is the reference always. No nom-tam setting is changed.
 */
class DataSizePropertyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int CASES = 2_000;
    private static final long SEED = 20_240_229L;
    private static final int[] BITPIX = {8, 16, 32, 64, -32, -64};

    /** One generated header; {@code pcount}/{@code gcount} are {@code null} when not written. */
    private record Case(int number, String xtension, boolean groups, int bitpix, long[] naxis, Long pcount,
                        Long gcount, int fillers) {
        long p() {
            return pcount == null ? 0 : pcount;
        }

        long g() {
            return gcount == null ? 1 : gcount;
        }

        /** Whether nom-tam-fits, which reads these keywords as {@code int}, sees their true values. */
        boolean fitsNomTamInts() {
            return LongStream.concat(LongStream.of(naxis), LongStream.of(p(), g())).allMatch(v -> v <= Integer.MAX_VALUE);
        }

        HduKind kind() {
            if (xtension == null) {
                return groups ? HduKind.RANDOM_GROUPS : HduKind.PRIMARY;
            }
            return switch (xtension) {
                case "IMAGE" -> HduKind.IMAGE;
                case "BINTABLE" -> HduKind.BINTABLE;
                case "TABLE" -> HduKind.TABLE;
                default -> HduKind.OTHER;
            };
        }

        @Override
        public String toString() {
            return "case " + number + " [" + (xtension == null ? (groups ? "SIMPLE+GROUPS" : "SIMPLE") : xtension)
                    + " BITPIX=" + bitpix + " NAXIS=" + Arrays.toString(naxis) + " PCOUNT=" + pcount + " GCOUNT="
                    + gcount + " fillers=" + fillers + "]";
        }
    }

    // ------------------------------------------------------------------ the reference arithmetic

    /**
     * {@code |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1*...*NAXISn)} with {@link Math#multiplyExact}, 0
     * when NAXIS = 0, NAXIS1 left out for random groups; empty when the size itself does not fit in
     * a {@code long}. A zero factor makes the size 0 whatever the other factors are.
     */
    static OptionalLong formula(int bitpix, long[] naxis, long pcount, long gcount, boolean groups) {
        if (naxis.length == 0 || gcount == 0) {
            return OptionalLong.of(0);
        }
        int first = groups ? 1 : 0;
        boolean zeroAxis = false;
        for (int k = first; k < naxis.length; k++) {
            zeroAxis |= naxis[k] == 0;
        }
        try {
            long product = 1;
            if (zeroAxis) {
                product = 0;
            } else {
                for (int k = first; k < naxis.length; k++) {
                    product = Math.multiplyExact(product, naxis[k]);
                }
            }
            long perGroup = Math.addExact(pcount, product);
            return OptionalLong.of(Math.multiplyExact(Math.abs(bitpix) / 8L, Math.multiplyExact(gcount, perGroup)));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code size} rounded up to whole 2880-byte blocks; empty on overflow. */
    static OptionalLong padded(long size) {
        long rem = size % BLOCK;
        if (rem == 0) {
            return OptionalLong.of(size);
        }
        long pad = BLOCK - rem;
        return size > Long.MAX_VALUE - pad ? OptionalLong.empty() : OptionalLong.of(size + pad);
    }

    /**
     * Whether the layout of {@code c} with a header of {@code headerSize} bytes at offset 0 does not
     * fit in 64 bits: the size, the padded size or the end of the data unit.
     */
    static boolean overflows(Case c, long headerSize) {
        OptionalLong size = formula(c.bitpix(), c.naxis(), c.p(), c.g(), c.groups());
        OptionalLong pad = size.isPresent() ? padded(size.getAsLong()) : OptionalLong.empty();
        return pad.isEmpty() || pad.getAsLong() > Long.MAX_VALUE - headerSize;
    }

    // ------------------------------------------------------------------ generation

    /** An axis length: zero, small, medium, huge within an int, or beyond an int. */
    private static long length(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> 0;
            case 1, 2, 3 -> 1 + r.nextInt(64);
            case 4, 5, 6 -> 1 + r.nextInt(100_000);
            case 7, 8 -> 65_536L + r.nextInt(Integer.MAX_VALUE - 65_536);
            case 9 -> Integer.MAX_VALUE - r.nextInt(16);
            case 10 -> 1 + r.nextInt(4_096);
            default -> (1L << 31) + (r.nextLong() & ((1L << 42) - 1));
        };
    }

    private static long[] axes(Random r, int n) {
        long[] a = new long[n];
        for (int k = 0; k < n; k++) {
            a[k] = length(r);
        }
        return a;
    }

    private static Case generate(Random r, int number) {
        int fillers = r.nextInt(4) == 0 ? r.nextInt(120) : 0;
        int bitpix = BITPIX[r.nextInt(BITPIX.length)];
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> new Case(number, null, false, bitpix, axes(r, r.nextInt(6)), null, null, fillers);
            case 3 -> {
                long[] a = axes(r, 2 + r.nextInt(4));
                a[0] = 0;
                yield new Case(number, null, true, bitpix, a, length(r), 1 + (r.nextBoolean() ? r.nextInt(1_000)
                        : length(r)), fillers);
            }
            case 4, 5 -> new Case(number, "IMAGE", false, bitpix, axes(r, r.nextInt(6)), 0L, 1L, fillers);
            case 6 -> new Case(number, "BINTABLE", false, 8, axes(r, 2), r.nextBoolean() ? 0L : length(r), 1L,
                    fillers);
            case 7 -> new Case(number, "TABLE", false, 8, axes(r, 2), 0L, 1L, fillers);
            default -> new Case(number, r.nextBoolean() ? "FOREIGN" : "DUMP", false, bitpix,
                    axes(r, r.nextInt(6)), r.nextBoolean() ? 0L : length(r),
                    r.nextInt(8) == 0 ? 0L : r.nextBoolean() ? 1L : length(r), fillers);
        };
    }

    /** The header nom-tam-fits writes for {@code c}: END included, padded to whole blocks. */
    private static byte[] render(Case c) throws Exception {
        Header h = new Header();
        if (c.xtension() == null) {
            h.addValue("SIMPLE", true, "conforms to FITS");
        } else {
            h.addValue("XTENSION", c.xtension(), "extension type");
        }
        h.addValue("BITPIX", c.bitpix(), "bits per value");
        h.addValue("NAXIS", c.naxis().length, "number of axes");
        for (int k = 0; k < c.naxis().length; k++) {
            h.addValue("NAXIS" + (k + 1), c.naxis()[k], "axis length");
        }
        if (c.pcount() != null) {
            h.addValue("PCOUNT", c.pcount(), "parameter count");
        }
        if (c.gcount() != null) {
            h.addValue("GCOUNT", c.gcount(), "group count");
        }
        if (c.groups()) {
            h.addValue("GROUPS", true, "random groups");
        }
        if ("BINTABLE".equals(c.xtension()) || "TABLE".equals(c.xtension())) {
            long width = c.naxis()[0];
            h.addValue("TFIELDS", width == 0 ? 0 : 1, "columns");
            if (width > 0) {
                h.addValue("TFORM1", "TABLE".equals(c.xtension()) ? "A" + width : width + "B", "format");
                if ("TABLE".equals(c.xtension())) {
                    h.addValue("TBCOL1", 1, "column start");
                }
            }
        }
        for (int i = 0; i < c.fillers(); i++) {
            h.insertComment("filler card " + i + " of case " + c.number());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FitsOutputStream out = new FitsOutputStream(bytes)) {
            h.write(out);
        }
        return bytes.toByteArray();
    }

    /** nom-tam's data size (padded) for the header in {@code bytes}, as it reads them back. */
    private static long nomTamDataSize(byte[] bytes) throws Exception {
        try (FitsInputStream in = new FitsInputStream(new ByteArrayInputStream(bytes))) {
            return Header.readHeader(in).getDataSize();
        }
    }

    /** Where the header of {@code c} lies in the scanned bytes: after an empty primary HDU for an extension. */
    private static long headerOffset(Case c) {
        return c.xtension() == null ? 0 : BLOCK;
    }

    /**
     * Scans {@code header} alone (an extension behind an empty primary header written by
     * nom-tam-fits, one block) and returns the header of {@code c}: the first (primary) or second.
     */
    private static Mono<FitsHeader> scan(Case c, byte[] header) throws Exception {
        byte[] bytes = header;
        if (c.xtension() != null) {
            byte[] primary = render(new Case(-1, null, false, 8, new long[0], null, null, 0));
            assertEquals(BLOCK, primary.length);
            bytes = Arrays.copyOf(primary, primary.length + header.length);
            System.arraycopy(header, 0, bytes, primary.length, header.length);
        }
        return FitsScanner.create().scan(MemoryByteRangeSource.of(URI.create("mem:/case" + c.number()), bytes))
                .elementAt(c.xtension() == null ? 0 : 1);
    }

    // ------------------------------------------------------------------ the property

    @Test
    void dataSizesShouldMatchNomTamAndTheFormula() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int comparedWithNomTam = 0;
        int beyondFourGiB = 0;
        int overflows = 0;
        int zeroWithHugeFactors = 0;
        int multiBlock = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = generate(random, i);
            byte[] bytes = render(c);
            OptionalLong size = formula(c.bitpix(), c.naxis(), c.p(), c.g(), c.groups());
            OptionalLong pad = size.isPresent() ? padded(size.getAsLong()) : OptionalLong.empty();
            long offset = headerOffset(c);
            boolean overflow = overflows(c, offset + bytes.length);

            FitsHeader got = null;
            Throwable error = null;
            try {
                got = scan(c, bytes).block(TIMEOUT);
            } catch (RuntimeException e) {
                error = e;
            }

            if (overflow) {
                overflows++;
                if (!(error instanceof DataSizeOverflowException)) {
                    failures.add(c + ": expected DataSizeOverflowException, got "
                            + (error != null ? error : "dataSize=" + (got == null ? null : got.dataSize())));
                }
                continue;
            }
            if (size.getAsLong() == 0 && LongStream.of(c.naxis()).anyMatch(v -> v > Integer.MAX_VALUE / 2)) {
                zeroWithHugeFactors++;
            }
            if (size.getAsLong() > (1L << 32)) {
                beyondFourGiB++;
            }
            if (bytes.length > BLOCK) {
                multiBlock++;
            }
            if (error != null || got == null) {
                failures.add(c + ": expected dataSize=" + size.getAsLong() + " (formula)"
                        + (c.fitsNomTamInts() ? ", paddedDataSize=" + nomTamDataSize(bytes) + " (nom-tam)" : "")
                        + ", got " + error);
                continue;
            }
            List<String> wrong = new ArrayList<>();
            if (got.dataSize() != size.getAsLong()) {
                wrong.add("dataSize " + got.dataSize() + " != formula " + size.getAsLong());
            }
            if (got.paddedDataSize() != pad.getAsLong()) {
                wrong.add("paddedDataSize " + got.paddedDataSize() + " != padded formula " + pad.getAsLong());
            }
            if (c.fitsNomTamInts()) {
                comparedWithNomTam++;
                long nomTam = nomTamDataSize(bytes);
                if (got.paddedDataSize() != nomTam) {
                    wrong.add("paddedDataSize " + got.paddedDataSize() + " != nom-tam getDataSize() " + nomTam);
                }
            }
            if (got.headerSize() != bytes.length) {
                wrong.add("headerSize " + got.headerSize() + " != " + bytes.length);
            }
            if (got.headerOffset() != offset) {
                wrong.add("headerOffset " + got.headerOffset() + " != " + offset);
            }
            if (got.nextOffset() != offset + bytes.length + pad.getAsLong()) {
                wrong.add("nextOffset " + got.nextOffset() + " != " + (offset + bytes.length + pad.getAsLong()));
            }
            if (got.cardCount() != endCardIndex(bytes, 0)) {
                wrong.add("cardCount " + got.cardCount() + " != END index " + endCardIndex(bytes, 0));
            }
            if (got.kind() != c.kind()) {
                wrong.add("kind " + got.kind() + " != " + c.kind());
            }
            if (got.bitpix() != c.bitpix()) {
                wrong.add("bitpix " + got.bitpix());
            }
            if (!got.naxis().equals(LongStream.of(c.naxis()).boxed().toList())) {
                wrong.add("naxis " + got.naxis());
            }
            if (got.pcount() != c.p() || got.gcount() != c.g()) {
                wrong.add("pcount/gcount " + got.pcount() + "/" + got.gcount());
            }
            if (!wrong.isEmpty()) {
                failures.add(c + ": " + String.join("; ", wrong));
            }
        }

        String coverage = "compared with nom-tam: " + comparedWithNomTam + ", beyond 2^32 bytes: " + beyondFourGiB
                + ", overflowing: " + overflows + ", empty with huge factors: " + zeroWithHugeFactors
                + ", multi-block headers: " + multiBlock;
        int compared = comparedWithNomTam;
        int big = beyondFourGiB;
        int overflowing = overflows;
        int emptyHuge = zeroWithHugeFactors;
        int blocks = multiBlock;
        assertAll(coverage,
                // the generator must have reached the interesting regions
                () -> assertTrue(compared >= 500, coverage),
                () -> assertTrue(big >= 200, coverage),
                () -> assertTrue(overflowing >= 50, coverage),
                () -> assertTrue(emptyHuge >= 10, coverage),
                () -> assertTrue(blocks >= 100, coverage),
                () -> {
                    if (!failures.isEmpty()) {
                        fail(failures.size() + " of " + CASES + " cases failed (seed " + SEED + "; " + coverage
                                + "), the first ones:\n"
                                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
                    }
                });
    }

    // ------------------------------------------------------------------ explicit edges

    private static Case image(long... naxis) {
        return new Case(-1, "IMAGE", false, 8, naxis, 0L, 1L, 0);
    }

    @Test
    void sizesThatOverflowSixtyFourBitsShouldFailWithDataSizeOverflow() throws Exception {
        long maxInt = Integer.MAX_VALUE;
        List<Case> cases = List.of(
                new Case(1, "IMAGE", false, -64, new long[] {maxInt, maxInt, maxInt}, 0L, 1L, 0),
                new Case(2, null, false, 64, new long[] {1L << 40, 1L << 40}, null, null, 0),
                // exactly Long.MAX_VALUE bytes: the size fits, its padding does not
                image(Long.MAX_VALUE),
                // the padded size fits, the end of the data unit (header + data) does not
                image(Long.MAX_VALUE - Long.MAX_VALUE % BLOCK),
                new Case(5, "BINTABLE", false, 8, new long[] {1000, 1000}, Long.MAX_VALUE - 10, 1L, 0),
                new Case(6, "FOREIGN", false, 16, new long[] {10, 10}, 5L, Long.MAX_VALUE / 50, 0),
                new Case(7, null, true, -32, new long[] {0, 3, 4}, 7L, 1L << 60, 0));
        for (Case c : cases) {
            byte[] bytes = render(c);
            assertTrue(overflows(c, headerOffset(c) + bytes.length), () -> c + " should overflow");
            StepVerifier.create(scan(c, bytes))
                    .expectErrorSatisfies(e -> {
                        assertTrue(e instanceof DataSizeOverflowException, () -> c + ": " + e);
                        assertEquals(c.xtension() == null ? 0 : 1,
                                ((DataSizeOverflowException) e).hdu().orElseThrow(), () -> c + ": " + e);
                    })
                    .verify(TIMEOUT);
        }
    }

    @Test
    void theLargestDataUnitThatFitsShouldNotOverflow() throws Exception {
        // an IMAGE extension at 2880 with a one-block header, and data padded to P: the largest
        // multiple of 2880 with 2880 + 2880 + P <= Long.MAX_VALUE
        long largest = (Long.MAX_VALUE - 2L * BLOCK) / BLOCK * BLOCK;
        Case c = image(largest - 17);
        byte[] bytes = render(c);
        assertEquals(BLOCK, bytes.length);
        assertTrue(overflows(image(largest + 1), 2L * BLOCK), "one byte more must overflow");

        FitsHeader h = scan(c, bytes).block(TIMEOUT);

        assertNotNull(h);
        assertEquals(largest - 17, h.dataSize());
        assertEquals(largest, h.paddedDataSize());
        assertEquals(2L * BLOCK + largest, h.nextOffset());
    }

    @Test
    void sizesBeyondFourGibShouldMatchNomTam() throws Exception {
        Case c = new Case(0, "IMAGE", false, -64, new long[] {100_000, 100_000, 3}, 0L, 1L, 0);
        byte[] bytes = render(c);

        FitsHeader h = scan(c, bytes).block(TIMEOUT);

        assertNotNull(h);
        assertEquals(8L * 100_000 * 100_000 * 3, h.dataSize());
        assertEquals(nomTamDataSize(bytes), h.paddedDataSize());
    }

    @Test
    void aZeroAxisAfterHugeAxesShouldMeanNoData() throws Exception {
        // NAXIS1..NAXIS4 = 2^31-1 and NAXIS5 = 0: the formula gives 0 bytes; the product of the first
        // axes alone does not fit in 64 bits, but the size does
        long maxInt = Integer.MAX_VALUE;
        Case c = new Case(0, "IMAGE", false, 16, new long[] {maxInt, maxInt, maxInt, maxInt, 0}, 0L, 1L, 0);
        byte[] bytes = render(c);
        assertEquals(0, nomTamDataSize(bytes), "nom-tam's data size");

        FitsHeader h = scan(c, bytes).block(TIMEOUT);

        assertNotNull(h);
        assertEquals(0, h.dataSize());
        assertEquals(0, h.paddedDataSize());
        assertEquals(2L * BLOCK, h.nextOffset());
    }

    @Test
    void aZeroGroupCountWithHugeAxesShouldMeanNoData() throws Exception {
        long maxInt = Integer.MAX_VALUE;
        Case c = new Case(0, "FOREIGN", false, 32, new long[] {maxInt, maxInt, maxInt}, 0L, 0L, 0);
        byte[] bytes = render(c);
        assertEquals(0, nomTamDataSize(bytes), "nom-tam's data size");

        FitsHeader h = scan(c, bytes).block(TIMEOUT);

        assertNotNull(h);
        assertEquals(0, h.dataSize());
        assertEquals(0, h.paddedDataSize());
    }
}

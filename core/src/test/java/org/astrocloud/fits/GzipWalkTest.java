package org.astrocloud.fits;

import org.astrocloud.fits.error.TruncatedFileException;
import org.astrocloud.fits.error.NotFitsException;
import org.astrocloud.fits.error.CorruptCompressionException;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.HeaderTooLargeException;
import static org.astrocloud.fits.testkit.FitsBytes.BLOCK;
import static org.astrocloud.fits.testkit.GzipBytes.handMadeGzip;
import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comment;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.gzip;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.randomData;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Whole-file gzip: the walk of the compressed object must give the layout of the uncompressed
 * one (offsets in the decompressed stream), mark every header as gzip, and report corrupt,
 * truncated and non-FITS streams with typed errors after the headers already decoded.
 *
 * <p>The three-HDU file, worked out by hand:
 * <pre>
 * HDU  header at  header size  data at  data size  padded   next
 *  0        0        2880        2880     10000    11520   14400   (BITPIX 16, 100 x 50)
 *  1    14400        5760       20160     24000    25920   46080   (IMAGE, BITPIX -32, 300 x 20; 49 cards)
 *  2    46080        2880       48960     24500    25920   74880   (BINTABLE, 24 x 1000, PCOUNT 500)
 * </pre>
 */
class GzipWalkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Per HDU: header offset, header size, data offset, data size, padded data size. */
    private static final long[][] LAYOUT = {
        {0, 2880, 2880, 10000, 11520},
        {14400, 5760, 20160, 24000, 25920},
        {46080, 2880, 48960, 24500, 25920},
    };
    private static final int FILE_SIZE = 74880;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- FITS bytes by hand

    private static byte[] primaryHeader() {
        return header(List.of(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 2), card("NAXIS1", 100),
                card("NAXIS2", 50), card("EXTEND", true)));
    }

    private static byte[] imageHeader() {
        List<String> cards = new ArrayList<>(List.of(card("XTENSION", str("IMAGE")), card("BITPIX", -32),
                card("NAXIS", 2), card("NAXIS1", 300), card("NAXIS2", 20), card("PCOUNT", 0), card("GCOUNT", 1),
                card("EXTNAME", str("SCI"))));
        for (int i = 0; i < 40; i++) {
            cards.add(comment("filler " + i));
        }
        return header(cards);
    }

    private static byte[] tableHeader() {
        return header(List.of(card("XTENSION", str("BINTABLE")), card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", 24), card("NAXIS2", 1000), card("PCOUNT", 500), card("GCOUNT", 1),
                card("TFIELDS", 1), card("TFORM1", str("3D"))));
    }

    /**
     * The three-HDU file of the class comment, its data units random and non-zero (the same bytes
     * on every call); {@link AstropyAgreementTest} reads it too.
     */
    static byte[] threeHdus() {
        Random random = new Random(20240601L);
        byte[] primary = primaryHeader();
        byte[] image = imageHeader();
        byte[] table = tableHeader();
        assertEquals(BLOCK, primary.length);
        assertEquals(2 * BLOCK, image.length);
        assertEquals(BLOCK, table.length);
        byte[] file = concat(primary, randomData(random, 10000), image, randomData(random, 24000), table,
                randomData(random, 24500));
        assertEquals(FILE_SIZE, file.length);
        return file;
    }

    // ---------------------------------------------------------------- gzip by hand

    /** How many bytes {@code GZIPInputStream} can decompress from {@code gz} before it runs out. */
    private static int decodableLength(byte[] gz) {
        int total = 0;
        byte[] buf = new byte[8192];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (EOFException e) {
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    // ---------------------------------------------------------------- scanning and checks

    private static Flux<FitsHeader> scan(String name, byte[] bytes) {
        return FitsScanner.create().scan(MemoryByteRangeSource.of(URI.create("mem:/" + name), bytes));
    }

    /** Whether {@code h} is HDU {@code i} of {@link #LAYOUT}, compressed as {@code compression}. */
    private static boolean matches(FitsHeader h, int i, Optional<String> compression) {
        long[] l = LAYOUT[i];
        return h.index() == i && h.headerOffset() == l[0] && h.headerSize() == l[1] && h.dataOffset() == l[2]
                && h.dataSize() == l[3] && h.paddedDataSize() == l[4] && h.nextOffset() == l[2] + l[4]
                && h.compression().equals(compression);
    }

    private static void assertLayout(FitsHeader h, Optional<String> compression) {
        int i = h.index();
        assertTrue(i >= 0 && i < LAYOUT.length, () -> "unexpected " + h);
        assertTrue(matches(h, i, compression), () -> "HDU " + i + " expected " + Arrays.toString(LAYOUT[i])
                + " " + compression + ", got " + h + " " + h.compression());
    }

    private static void assertWalksAsThreeHdus(String name, byte[] bytes, Optional<String> compression) {
        StepVerifier.create(scan(name, bytes))
                .expectNextMatches(h -> matches(h, 0, compression))
                .expectNextMatches(h -> matches(h, 1, compression) && h.kind() == HduKind.IMAGE
                        && h.stringValue("EXTNAME").equals(Optional.of("SCI")))
                .expectNextMatches(h -> matches(h, 2, compression) && h.kind() == HduKind.BINTABLE
                        && h.pcount() == 500)
                .verifyComplete();
    }

    private static final Optional<String> GZIP = Optional.of("gzip");

    private static void assertLocated(Throwable e, Class<? extends AstroCloudException> type, String name) {
        assertInstanceOf(type, e, () -> "expected " + type.getSimpleName() + ", got " + e);
        String m = e.getMessage();
        assertTrue(m.contains("mem:/" + name), () -> "uri in " + m);
        assertTrue(((AstroCloudException) e).hdu().isPresent(), () -> "hdu in " + m);
        assertTrue(m.contains("hdu="), () -> "hdu= in " + m);
    }

    // ---------------------------------------------------------------- valid gzip

    @Test
    void uncompressedFileShouldHaveTheHandComputedLayout() {
        assertWalksAsThreeHdus("plain.fits", threeHdus(), Optional.empty());
    }

    @Test
    void gzipShouldWalkWithTheLayoutOfTheUncompressedFile() {
        byte[] gz = gzip(threeHdus());
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        assertWalksAsThreeHdus("three.fits.gz", gz, GZIP);
    }

    @Test
    void gzipWalkShouldEqualThePlainWalkHeaderForHeader() {
        byte[] plain = threeHdus();
        List<FitsHeader> a = scan("a.fits", plain).collectList().block(TIMEOUT);
        List<FitsHeader> b = scan("a.fits.gz", gzip(plain)).collectList().block(TIMEOUT);
        assertTrue(a != null && b != null);
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(a.get(i).headerOffset(), b.get(i).headerOffset());
            assertEquals(a.get(i).headerSize(), b.get(i).headerSize());
            assertEquals(a.get(i).dataOffset(), b.get(i).dataOffset());
            assertEquals(a.get(i).dataSize(), b.get(i).dataSize());
            assertEquals(a.get(i).cardCount(), b.get(i).cardCount());
            assertEquals(a.get(i).rawBytes(), b.get(i).rawBytes());
            assertEquals(Optional.empty(), a.get(i).compression());
            assertEquals(GZIP, b.get(i).compression());
        }
    }

    @Test
    void multiMemberGzipSplitInsideAnHduShouldWalkTheSame() {
        byte[] plain = threeHdus();
        // 14500: inside HDU 1's header (14400-20160); 30000: inside HDU 1's data (20160-44160);
        // 1: a one-byte first member; 74879: a one-byte last member
        for (int split : new int[] {14500, 30000, 1, FILE_SIZE - 1}) {
            byte[] gz = concat(gzip(Arrays.copyOfRange(plain, 0, split)),
                    gzip(Arrays.copyOfRange(plain, split, plain.length)));
            assertWalksAsThreeHdus("split-" + split + ".fits.gz", gz, GZIP);
        }
    }

    @Test
    void threeMemberGzipShouldWalkTheSame() {
        byte[] plain = threeHdus();
        byte[] gz = concat(gzip(Arrays.copyOfRange(plain, 0, 1000)), gzip(Arrays.copyOfRange(plain, 1000, 47000)),
                gzip(Arrays.copyOfRange(plain, 47000, plain.length)));
        assertWalksAsThreeHdus("three-members.fits.gz", gz, GZIP);
    }

    @Test
    void gzipWithAFileNameShouldWalk() {
        byte[] gz = handMadeGzip(threeHdus(), 0x08, null, "three.fits", null);
        assertEquals(0x08, gz[3]);
        assertEquals("three.fits", new String(gz, 10, 10, StandardCharsets.ISO_8859_1));
        assertEquals(0, gz[20]);
        assertWalksAsThreeHdus("named.fits.gz", gz, GZIP);
    }

    @Test
    void gzipWithEveryOptionalHeaderFieldShouldWalk() {
        byte[] extra = {'A', 'C', 4, 0, 1, 2, 3, 4};
        byte[] gz = handMadeGzip(threeHdus(), 0x02 | 0x04 | 0x08 | 0x10, extra, "three.fits", "made by hand");
        assertWalksAsThreeHdus("all-fields.fits.gz", gz, GZIP);
    }

    // ---------------------------------------------------------------- corrupt gzip

    @Test
    void invalidDeflateBlockTypeShouldFailWithCorruptCompression() {
        byte[] gz = gzip(threeHdus());
        // the first deflate byte after the 10-byte header: BFINAL = 1, BTYPE = 11 (reserved)
        gz[10] = (byte) 0xff;
        StepVerifier.create(scan("bad-block.fits.gz", gz))
                .expectErrorSatisfies(e -> assertLocated(e, CorruptCompressionException.class, "bad-block.fits.gz"))
                .verify(TIMEOUT);
    }

    @Test
    void flippedBytesInTheDeflateStreamShouldFailWithCorruptCompression() {
        byte[] gz = gzip(threeHdus());
        int middle = gz.length / 2;
        for (int i = 0; i < 16; i++) {
            gz[middle + i] ^= (byte) 0x5a;
        }
        List<FitsHeader> seen = new ArrayList<>();
        StepVerifier.create(scan("flipped.fits.gz", gz))
                .thenConsumeWhile(h -> true, seen::add)
                .expectErrorSatisfies(e -> assertLocated(e, CorruptCompressionException.class, "flipped.fits.gz"))
                .verify(TIMEOUT);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i).index());
            assertLayout(seen.get(i), GZIP);
        }
    }

    @Test
    void wrongCrcInTheTrailerShouldFailWithCorruptCompressionAfterEveryHeader() {
        byte[] gz = gzip(threeHdus());
        gz[gz.length - 8] ^= 0x01;
        StepVerifier.create(scan("bad-crc.fits.gz", gz))
                .expectNextMatches(h -> matches(h, 0, GZIP))
                .expectNextMatches(h -> matches(h, 1, GZIP))
                .expectNextMatches(h -> matches(h, 2, GZIP))
                .expectErrorSatisfies(e -> assertLocated(e, CorruptCompressionException.class, "bad-crc.fits.gz"))
                .verify(TIMEOUT);
    }

    @Test
    void wrongLengthInTheTrailerShouldFailWithCorruptCompression() {
        byte[] gz = gzip(threeHdus());
        gz[gz.length - 4] ^= 0x01;
        StepVerifier.create(scan("bad-isize.fits.gz", gz))
                .expectNextCount(3)
                .expectErrorSatisfies(e -> assertLocated(e, CorruptCompressionException.class, "bad-isize.fits.gz"))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- truncated gzip

    @Test
    void gzipCutInTheMiddleShouldFailAfterTheHeadersAlreadyDecoded() {
        byte[] gz = gzip(threeHdus());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        int decodable = decodableLength(cut);
        long expectedHeaders = Arrays.stream(LAYOUT).filter(l -> l[0] + l[1] <= decodable).count();
        // the data units are random, so the compressed size is about the file's: half of it is inside HDU 1's data
        assertTrue(decodable > LAYOUT[1][2] && decodable < LAYOUT[2][0], () -> "decodable " + decodable);
        assertEquals(2, expectedHeaders);

        List<FitsHeader> seen = new ArrayList<>();
        StepVerifier.create(scan("cut.fits.gz", cut))
                .thenConsumeWhile(h -> true, seen::add)
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof CorruptCompressionException || e instanceof TruncatedFileException,
                            () -> "got " + e);
                    assertLocated(e, AstroCloudException.class, "cut.fits.gz");
                })
                .verify(TIMEOUT);
        assertEquals(expectedHeaders, seen.size(), () -> "headers " + seen);
        for (FitsHeader h : seen) {
            assertLayout(h, GZIP);
        }
    }

    @Test
    void gzipCutInsideItsTrailerShouldFailAfterEveryHeader() {
        byte[] gz = gzip(threeHdus());
        byte[] cut = Arrays.copyOf(gz, gz.length - 4);
        StepVerifier.create(scan("cut-trailer.fits.gz", cut))
                .expectNextMatches(h -> matches(h, 0, GZIP))
                .expectNextMatches(h -> matches(h, 1, GZIP))
                .expectNextMatches(h -> matches(h, 2, GZIP))
                .expectErrorSatisfies(e -> assertLocated(e, CorruptCompressionException.class, "cut-trailer.fits.gz"))
                .verify(TIMEOUT);
    }

    @Test
    void completeGzipOfATruncatedFitsFileShouldFailWithTruncatedFile() {
        // the gzip stream is whole, the FITS file in it stops at 30000, inside HDU 1's data (20160 + 24000)
        byte[] gz = gzip(Arrays.copyOf(threeHdus(), 30000));
        StepVerifier.create(scan("short-fits.fits.gz", gz))
                .expectNextMatches(h -> matches(h, 0, GZIP))
                .expectNextMatches(h -> matches(h, 1, GZIP))
                .expectErrorSatisfies(e -> {
                    assertLocated(e, TruncatedFileException.class, "short-fits.fits.gz");
                    AstroCloudException a = (AstroCloudException) e;
                    assertEquals(1, a.hdu().orElseThrow());
                    assertEquals(30000, a.offset().orElseThrow());
                })
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- not FITS

    @Test
    void gzipOfTextShouldNotBeFits() {
        byte[] gz = gzip("Just some text that happens to be gzipped.\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
        StepVerifier.create(scan("notes.txt.gz", gz))
                .expectErrorSatisfies(e -> {
                    assertLocated(e, NotFitsException.class, "notes.txt.gz");
                    AstroCloudException a = (AstroCloudException) e;
                    assertEquals(0, a.hdu().orElseThrow());
                    assertEquals(0, a.offset().orElseThrow());
                })
                .verify(TIMEOUT);
    }

    @Test
    void gzipOfShortTextShouldNotBeFits() {
        byte[] gz = gzip("hello\n".getBytes(StandardCharsets.US_ASCII));
        StepVerifier.create(scan("hello.txt.gz", gz))
                .expectErrorSatisfies(e -> assertLocated(e, NotFitsException.class, "hello.txt.gz"))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- large gzip

    @Test
    void largeGzipShouldStreamThroughAndKeepItsOffsets() throws IOException {
        // primary: 1 block, no data -> 2880
        // image at 2880 (1 block): BITPIX 16, 4000 x 2500 = 20,000,000 bytes at 5760,
        //   padded to 6945 blocks = 20,001,600 -> next at 20,007,360
        // table at 20,007,360 (1 block): 8 x 10 = 80 bytes at 20,010,240, padded to 2880 -> ends at 20,013,120
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (OutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(header(List.of(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0),
                    card("EXTEND", true))));
            gz.write(header(List.of(card("XTENSION", str("IMAGE")), card("BITPIX", 16), card("NAXIS", 2),
                    card("NAXIS1", 4000), card("NAXIS2", 2500), card("PCOUNT", 0), card("GCOUNT", 1))));
            byte[] chunk = new byte[64 * 1000];
            long written = 0;
            for (int i = 0; written < 20_000_000L; i++) {
                Arrays.fill(chunk, (byte) 0);
                if (i % 50 == 0) {
                    for (int j = 0; j < 1000; j++) {
                        chunk[j] = (byte) (random.nextInt(255) + 1);
                    }
                }
                int n = (int) Math.min(chunk.length, 20_000_000L - written);
                gz.write(chunk, 0, n);
                written += n;
            }
            gz.write(new byte[20_001_600 - 20_000_000]);
            gz.write(header(List.of(card("XTENSION", str("BINTABLE")), card("BITPIX", 8), card("NAXIS", 2),
                    card("NAXIS1", 8), card("NAXIS2", 10), card("PCOUNT", 0), card("GCOUNT", 1),
                    card("TFIELDS", 1), card("TFORM1", str("1D")))));
            byte[] rows = new byte[BLOCK];
            Arrays.fill(rows, 0, 80, (byte) 0x3f);
            gz.write(rows);
        }
        byte[] gz = out.toByteArray();
        assertTrue(gz.length < 2_000_000, () -> "compressed " + gz.length);

        StepVerifier.create(scan("large.fits.gz", gz))
                .expectNextMatches(h -> h.index() == 0 && h.headerOffset() == 0 && h.headerSize() == 2880
                        && h.dataSize() == 0 && h.nextOffset() == 2880 && h.compression().equals(GZIP))
                .expectNextMatches(h -> h.index() == 1 && h.headerOffset() == 2880 && h.dataOffset() == 5760
                        && h.dataSize() == 20_000_000L && h.paddedDataSize() == 20_001_600L
                        && h.nextOffset() == 20_007_360L)
                .expectNextMatches(h -> h.index() == 2 && h.kind() == HduKind.BINTABLE
                        && h.headerOffset() == 20_007_360L && h.dataOffset() == 20_010_240L && h.dataSize() == 80
                        && h.nextOffset() == 20_013_120L)
                .verifyComplete();
    }

    @Test
    void scanFileOfAGzipFileShouldBeOkWithTheDecompressedSize() throws IOException {
        Path file = Files.write(dir.resolve("three.fits.gz"), gzip(threeHdus()));
        ScanResult r = FitsScanner.create().scanFile(file.toUri()).block(TIMEOUT);
        assertTrue(r != null && r.isOk(), () -> "result " + r);
        assertEquals(3, r.headers().size());
        for (FitsHeader h : r.headers()) {
            assertLayout(h, GZIP);
        }
        assertEquals(OptionalLong.of(FILE_SIZE), r.size());
        assertEquals(OptionalLong.of(0), r.trailingBytes());
    }

    @Test
    void gzipHeaderWithoutEndShouldFailAtTheCapLikeARawOne() {
        // 9 MiB of COMMENT cards and no END: past the default cap of 8 MiB = 8,388,608 bytes, named in the error
        byte[] card = comment("no END in sight").getBytes(StandardCharsets.US_ASCII);
        byte[] plain = new byte[9 * 1024 * 1024 / BLOCK * BLOCK];
        System.arraycopy(card("SIMPLE", true).getBytes(StandardCharsets.US_ASCII), 0, plain, 0, 80);
        for (int at = 80; at < plain.length; at += 80) {
            System.arraycopy(card, 0, plain, at, 80);
        }
        byte[] gz = gzip(plain);
        StepVerifier.create(scan("endless.fits.gz", gz))
                .expectErrorSatisfies(e -> {
                    assertLocated(e, HeaderTooLargeException.class, "endless.fits.gz");
                    assertTrue(e.getMessage().contains("8388608"), e.getMessage());
                })
                .verify(Duration.ofSeconds(20));   // a walk that searched the header again per chunk would take minutes
    }

    @Test
    void scanFileOfABrokenGzipFileShouldKeepTheHeadersDecodedBeforeTheError() throws IOException {
        byte[] gz = gzip(threeHdus());
        gz[gz.length - 8] ^= 0x01;
        Path file = Files.write(dir.resolve("bad-crc.fits.gz"), gz);
        ScanResult r = FitsScanner.create().scanFile(file.toUri()).block(TIMEOUT);
        assertTrue(r != null && !r.isOk(), () -> "result " + r);
        assertEquals(3, r.headers().size());
        assertInstanceOf(CorruptCompressionException.class, r.error().orElseThrow());
        assertEquals(OptionalLong.empty(), r.trailingBytes());
    }
}

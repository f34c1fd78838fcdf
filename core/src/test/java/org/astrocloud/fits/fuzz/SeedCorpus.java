package org.astrocloud.fits.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.astrocloud.fits.testkit.FitsBytes;
import org.astrocloud.fits.testkit.GzipBytes;

/**
 * Every seed input of core's fuzz tests, by its path under {@code src/test/resources}: the
 * directory {@code <package>/<Class>Inputs/<method>/} Jazzer reads, and a name starting
 * {@code seed-} (findings Jazzer writes there start {@code crash-}). {@code SeedCorpusTest}
 * checks the checked-in files against these and rewrites them on request.
 */
final class SeedCorpus {
    private static final String FUZZ = "org/astrocloud/fits/fuzz/";
    private static final int READ_AHEAD_ONE_BLOCK = 0;
    private static final int READ_AHEAD_LARGE = 255;
    /** Flags of {@link WalkInput}: size unknown, largest header one block, chunks of 7 bytes. */
    private static final int UNKNOWN_SIZE = 1;
    private static final int ONE_BLOCK_HEADERS = 1 << 1;
    private static final int SEVEN_BYTE_CHUNKS = 2 << 3;

    private SeedCorpus() {
    }

    /** The seeds, by path relative to {@code src/test/resources}. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        walkSeeds(s);
        gzipSeeds(s);
        cardSeeds(s);
        contentRangeSeeds(s);
        return s;
    }

    private static void cardSeeds(Map<String, byte[]> s) {
        String any = "org/astrocloud/fits/FitsCardFuzzTestInputs/anyCardsReadWithoutException/seed-";
        s.put(any + "primary", SeedFiles.primary().header());
        s.put(any + "light-curve", SeedFiles.lightCurve().header());
        s.put(any + "ffi", SeedFiles.ffi().header());
        s.put(any + "odd-cards", ascii(String.join("", FitsBytes.fixed("LONG    = 'one &'  / first part"),
                FitsBytes.fixed("CONTINUE  'two &' / second part"), FitsBytes.fixed("CONTINUE  ''"),
                FitsBytes.fixed("CONTINUE  'orphan'"), FitsBytes.fixed("QUOTED  = 'it''s'"),
                FitsBytes.fixed("UNDEF   =                      / no value"), FitsBytes.fixed("NOQUOTE = 'unterminated"),
                FitsBytes.fixed("CPLXI   = (137, -1)"), FitsBytes.fixed("BIG     = 123456789012345678901234567890"),
                FitsBytes.fixed("REAL    = 1.5D-300"), FitsBytes.fixed("HIERARCH ESO TEL AIRM START = 1.2 / airmass"),
                FitsBytes.fixed("lower   = 1"), FitsBytes.fixed("NOEQUALS  1"))));
        String written = "org/astrocloud/fits/FitsCardFuzzTestInputs/writtenCardsReadBackAsGiven/seed-";
        s.put(written + "sector", ascii("SECTOR\u0001\u0016Observing sector"));
        s.put(written + "object", ascii("OBJECT\u0003TIC 100000001\u0001string version of target id"));
    }

    private static void contentRangeSeeds(Map<String, byte[]> s) {
        String any = "org/astrocloud/fits/spi/support/ContentRangeFuzzTestInputs/parsesOnlyWhatTheRfcWrites/seed-";
        s.put(any + "first-block", ascii("bytes 0-65535/44316717120"));
        s.put(any + "unknown-total", ascii("bytes 2880-5759/*"));
        s.put(any + "unsatisfied", ascii("bytes */44316717120"));
        s.put(any + "blanks-and-case", ascii("  Bytes  0 - 9 / 10  "));
        s.put(any + "last-past-total", ascii("bytes 0-10/10"));
        s.put(any + "too-large", ascii("bytes 0-99999999999999999999/*"));
    }

    private static void walkSeeds(Map<String, byte[]> s) {
        String any = FUZZ + "WalkFuzzTestInputs/anyBytesEndInHeadersOrATypedError/seed-";
        SeedFiles.objects().forEach((name, object) -> s.put(any + name, WalkInput.encode(0, READ_AHEAD_LARGE, object)));
        s.put(any + "lc-unknown-size", WalkInput.encode(UNKNOWN_SIZE, READ_AHEAD_ONE_BLOCK, SeedFiles.lightCurveFile()));
        s.put(any + "ffi-one-block-headers", WalkInput.encode(ONE_BLOCK_HEADERS, READ_AHEAD_LARGE, SeedFiles.ffiFile()));
        prefixSeeds(s, FUZZ + "WalkFuzzTestInputs/headersBeforeAFaultAreEmitted/seed-");
    }

    private static void gzipSeeds(Map<String, byte[]> s) {
        String any = FUZZ + "GzipWalkFuzzTestInputs/anyCompressedBytesEndInHeadersOrATypedError/seed-";
        byte[] lc = SeedFiles.lightCurveFile();
        byte[] gz = FitsBytes.gzip(lc);
        s.put(any + "lc", WalkInput.encode(0, READ_AHEAD_LARGE, gz));
        s.put(any + "ffi-unknown-size-small-chunks", WalkInput.encode(UNKNOWN_SIZE | SEVEN_BYTE_CHUNKS,
                READ_AHEAD_ONE_BLOCK, FitsBytes.gzip(SeedFiles.ffiFile())));
        s.put(any + "optional-fields", WalkInput.encode(0, READ_AHEAD_LARGE,
                GzipBytes.handMadeGzip(lc, 0x02 | 0x04 | 0x08 | 0x10, new byte[] {'A', 'C', 2, 0, 1, 2}, "lc.fits", "seed")));
        s.put(any + "truncated", WalkInput.encode(0, READ_AHEAD_LARGE, Arrays.copyOf(gz, gz.length / 2)));
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 1;
        s.put(any + "bad-crc", WalkInput.encode(0, READ_AHEAD_LARGE, badCrc));
        s.put(any + "two-members", WalkInput.encode(0, READ_AHEAD_LARGE, FitsBytes.concat(
                FitsBytes.gzip(SeedFiles.primary().bytes()), FitsBytes.gzip(Arrays.copyOfRange(lc, 2880, lc.length)))));
        s.put(any + "trailing-garbage", WalkInput.encode(0, READ_AHEAD_LARGE, FitsBytes.concat(gz, ascii("garbage"))));
        s.put(any + "truncated-in-data", WalkInput.encode(0, READ_AHEAD_LARGE,
                FitsBytes.gzip(SeedFiles.objects().get("truncated-in-data"))));
        prefixSeeds(s, FUZZ + "GzipWalkFuzzTestInputs/gzipOfHeadersBeforeAFaultEmitsThem/seed-");
    }

    /** The tails of {@link SeedFiles#tails()}, each after a count of whole HDUs, alternately of known and unknown size. */
    private static void prefixSeeds(Map<String, byte[]> s, String prefix) {
        int k = 0;
        for (Map.Entry<String, byte[]> tail : SeedFiles.tails().entrySet()) {
            s.put(prefix + tail.getKey(), WalkInput.encode(k % 2 == 0 ? 0 : UNKNOWN_SIZE, READ_AHEAD_ONE_BLOCK,
                    FitsBytes.concat(new byte[] {(byte) k}, tail.getValue())));
            k++;
        }
    }

    /** Writes every seed below {@code resources}. */
    static void write(Path resources) throws IOException {
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            Path file = resources.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    /** {@code text} in US-ASCII, for seeds that are text. */
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package org.astrocloud.fits.internal.gzip;

import org.astrocloud.fits.error.CorruptCompressionException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.astrocloud.fits.testkit.FitsBytes;
import org.astrocloud.fits.testkit.GzipBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The incremental gzip decoder against the JDK's {@link GZIPInputStream}, fed in chunks of every size. */
class GzipDecoderTest {
    private static final URI URI_ = URI.create("mem:/x.gz");
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FEXTRA = 4;
    private static final int FHCRC = 2;

    private static byte[] decode(byte[] gz, int chunk) {
        GzipDecoder decoder = new GzipDecoder(URI_);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < gz.length; at += chunk) {
            decoder.decode(ByteBuffer.wrap(Arrays.copyOfRange(gz, at, Math.min(gz.length, at + chunk))),
                    b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        }
        decoder.finish();
        return out.toByteArray();
    }

    private static byte[] jdk(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] content() {
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Arrays.fill(bytes, 50_000, 150_000, (byte) ' ');
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 9, 10, 11, 4096, 65_536, 1 << 20})
    void everyChunkingShouldDecodeWhatTheJdkDecodes(int chunk) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(content());
        }
        byte[] twoMembers = FitsBytes.concat(gz.toByteArray(), gz.toByteArray());
        assertArrayEquals(jdk(twoMembers), decode(twoMembers, chunk));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 1000})
    void everyOptionalHeaderFieldShouldBeSkippedWhateverTheChunking(int chunk) throws IOException {
        byte[] extra = new byte[65_535];
        Arrays.fill(extra, (byte) 'x');
        byte[] gz = GzipBytes.handMadeGzip(content(), FEXTRA | FNAME | FCOMMENT | FHCRC, extra,
                "n".repeat(60_000), "a comment");
        assertArrayEquals(jdk(gz), decode(gz, chunk));
        assertArrayEquals(content(), decode(gz, chunk));
    }

    @Test
    void anEmptyExtraFieldShouldBeAccepted() throws IOException {
        byte[] gz = GzipBytes.handMadeGzip(content(), FEXTRA | FNAME, new byte[0], "a.fits", null);
        assertArrayEquals(jdk(gz), decode(gz, 7));
    }

    @ParameterizedTest
    @ValueSource(ints = {FNAME, FCOMMENT})
    void aLongUnterminatedTextFieldShouldFailTypedAndFast(int flag) {
        byte[] header = {0x1f, (byte) 0x8b, 8, (byte) flag, 0, 0, 0, 0, 0, (byte) 255};
        byte[] field = new byte[1 << 20];
        Arrays.fill(field, (byte) 'a');
        byte[] gz = FitsBytes.concat(header, field);
        CorruptCompressionException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(CorruptCompressionException.class, () -> decode(gz, 4096)));
        assertTrue(e.getMessage().contains(flag == FNAME ? "FNAME" : "FCOMMENT"), e.getMessage());
        assertTrue(e.getMessage().contains("longer than 65536 bytes"), e.getMessage());
    }

    @Test
    void aTextFieldJustUnderTheCapShouldBeAccepted() throws IOException {
        byte[] gz = GzipBytes.handMadeGzip(content(), FNAME, null, "n".repeat(GzipDecoder.MAX_TEXT_FIELD - 1), null);
        assertArrayEquals(jdk(gz), decode(gz, 4096));
    }

    @Test
    void aStreamEndingInsideTheFirstHeaderShouldBeCorrupt() {
        byte[] cut = {0x1f, (byte) 0x8b, 8, FNAME, 0, 0, 0, 0, 0, (byte) 255, 'a'};
        assertThrows(CorruptCompressionException.class, () -> decode(cut, 3));
    }

    @Test
    void notGzipShouldBeCorrupt() {
        assertThrows(CorruptCompressionException.class, () -> decode("SIMPLE  =".getBytes(), 4));
        assertThrows(CorruptCompressionException.class, () -> decode(new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0}, 4));
    }
}

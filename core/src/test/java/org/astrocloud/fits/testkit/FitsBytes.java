package org.astrocloud.fits.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * FITS bytes by hand, for tests: 80-character cards, headers padded to whole 2880-byte blocks,
 * data units padded with zeros, and whole files put together from those parts.
 *
 * <pre>{@code
 * byte[] file = FitsBytes.concat(
 *         FitsBytes.header(card("SIMPLE", true), card("BITPIX", 16), card("NAXIS", 1), card("NAXIS1", 100)),
 *         FitsBytes.data(200));
 * }</pre>
 *
 * <p>Nothing here checks that a header is valid FITS: tests use it to write broken files too.
 */
public final class FitsBytes {
    /** Bytes in a FITS block. */
    public static final int BLOCK = 2880;
    /** Bytes in a header card. */
    public static final int CARD = 80;

    private FitsBytes() {
    }

    // ---------------------------------------------------------------- cards

    /**
     * One fixed-format card: the keyword in columns 1-8, {@code "= "} in 9-10, then the value. A
     * {@link Boolean} is written as {@code T} or {@code F} and, like any value that is not a quoted
     * string, right-justified to column 30; a string starting with a quote (see {@link #str}) is
     * written from column 11 as it is; anything else is written as {@link String#valueOf} gives it,
     * so {@code card("NAXIS2", "2.5")} writes the raw value {@code 2.5}.
     *
     * @throws IllegalArgumentException if the card is longer than 80 characters
     */
    public static String card(String keyword, Object value) {
        String v;
        if (value instanceof Boolean b) {
            v = String.format(Locale.ROOT, "%20s", b ? "T" : "F");
        } else if (value instanceof String s && s.startsWith("'")) {
            v = String.format(Locale.ROOT, "%-20s", s);
        } else {
            v = String.format(Locale.ROOT, "%20s", value);
        }
        return fixed(String.format(Locale.ROOT, "%-8s= %s", keyword, v));
    }

    /**
     * {@link #card(String, Object)} followed by {@code " / "} and {@code comment}; the slash is in
     * column 32, or after the value if a long string value reaches past column 30.
     *
     * @throws IllegalArgumentException if the card is longer than 80 characters
     */
    public static String card(String keyword, Object value, String comment) {
        String valued = String.format(Locale.ROOT, "%-30s", card(keyword, value).stripTrailing());
        return fixed(valued + " / " + comment);
    }

    /** A quoted string value, padded with blanks to at least 8 characters inside the quotes. */
    public static String str(String s) {
        return "'" + String.format(Locale.ROOT, "%-8s", s) + "'";
    }

    /** A {@code COMMENT} card with {@code text} from column 9. */
    public static String comment(String text) {
        return fixed("COMMENT " + text);
    }

    /** {@code n} {@code COMMENT} cards, {@code "filler card 0"} to {@code "filler card n-1"}: cards that fill a header. */
    public static List<String> comments(int n) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.add(comment("filler card " + i));
        }
        return c;
    }

    /**
     * {@code image} padded with blanks to 80 characters.
     *
     * @throws IllegalArgumentException if {@code image} is longer than 80 characters
     */
    public static String fixed(String image) {
        if (image.length() > CARD) {
            throw new IllegalArgumentException("card longer than 80 characters: " + image);
        }
        return String.format(Locale.ROOT, "%-80s", image);
    }

    // ---------------------------------------------------------------- headers

    /** The cards (each padded to 80 characters), then END, padded with blanks to whole blocks. */
    public static byte[] header(List<String> cards) {
        StringBuilder b = joined(cards);
        b.append(fixed("END"));
        return padded(b, ' ');
    }

    /** The cards (each padded to 80 characters), then END, padded with blanks to whole blocks. */
    public static byte[] header(String... cards) {
        return header(List.of(cards));
    }

    /** The cards (each padded to 80 characters) without an END card, padded with blanks to whole blocks. */
    public static byte[] headerWithoutEnd(List<String> cards) {
        return padded(joined(cards), ' ');
    }

    /**
     * The cards (each padded to 80 characters), then the three letters {@code END} followed by NUL
     * bytes, not blanks, to the end of the block: what some writers produce, and astropy accepts.
     */
    public static byte[] headerWithNulPadding(String... cards) {
        StringBuilder b = joined(List.of(cards));
        b.append("END");
        return padded(b, '\0');
    }

    private static StringBuilder joined(List<String> cards) {
        StringBuilder b = new StringBuilder();
        for (String c : cards) {
            b.append(fixed(c));
        }
        return b;
    }

    private static byte[] padded(StringBuilder b, char pad) {
        while (b.length() % BLOCK != 0) {
            b.append(pad);
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- data units

    /**
     * A data unit of {@code size} bytes, padded with zeros to whole blocks. The data bytes run
     * 1, 2, ..., 251, 1, 2, ... so that they are never zero and never look like padding.
     */
    public static byte[] data(int size) {
        byte[] d = new byte[Math.toIntExact(padded(size))];
        for (int i = 0; i < size; i++) {
            d[i] = (byte) (1 + i % 251);
        }
        return d;
    }

    /** The {@code size} data bytes of {@link #data(int)} without any padding. */
    public static byte[] unpaddedData(int size) {
        return Arrays.copyOf(data(size), size);
    }

    /**
     * A data unit of {@code size} random non-zero bytes drawn from {@code random} (one
     * {@code nextInt(255)} per byte), padded with zeros to whole blocks. Random data does not
     * compress, which tests of gzip rely on.
     */
    public static byte[] randomData(Random random, int size) {
        byte[] d = new byte[Math.toIntExact(padded(size))];
        for (int i = 0; i < size; i++) {
            d[i] = (byte) (random.nextInt(255) + 1);
        }
        return d;
    }

    /**
     * {@code size} (not negative) rounded up to whole 2880-byte blocks.
     *
     * @throws ArithmeticException if that does not fit in a {@code long}
     */
    public static long padded(long size) {
        return Math.addExact(size, BLOCK - 1) / BLOCK * BLOCK;
    }

    // ---------------------------------------------------------------- files

    /** The parts one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code bytes} compressed as one gzip member, the way {@link GZIPOutputStream} writes it. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- reading raw bytes

    /**
     * The card at index {@code card} (0 for the first) of the header starting at {@code headerOffset}
     * in {@code raw}.
     */
    public static String rawCard(byte[] raw, long headerOffset, int card) {
        return new String(raw, Math.toIntExact(headerOffset + (long) CARD * card), CARD, StandardCharsets.US_ASCII);
    }

    /**
     * The index of the END card of the header starting at {@code headerOffset} in {@code raw}: the
     * first card whose first 8 characters are {@code "END     "}, which is the number of cards before it.
     *
     * @throws IndexOutOfBoundsException if there is no END card
     */
    public static int endCardIndex(byte[] raw, long headerOffset) {
        for (int c = 0; ; c++) {
            int at = Math.toIntExact(headerOffset + (long) CARD * c);
            if (new String(raw, at, 8, StandardCharsets.US_ASCII).equals("END     ")) {
                return c;
            }
        }
    }
}

package org.astrocloud.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes full-size, structurally faithful synthetic TESS files as sparse files: the headers are
 * real bytes, the data units are holes that read as zeros and take no disk space. A sector-22
 * cube is 44,316,717,120 bytes long and about 50 KB on disk.
 *
 * <p>The headers come from the synthetic header texts of a sector-22, camera-1, CCD-1 SPOC cube
 * and calibrated FFI; the writer sets NAXIS2 (the number of FFIs), SECTOR, CAMERA and CCD.
 *
 * <pre>{@code
 * Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 1248);
 * Path ffi = TessFiles.writeFfi(dir.resolve("ffic.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
 * }</pre>
 */
public final class TessFiles {
    /** Bytes in a FITS block. */
    public static final int BLOCK = 2880;
    /** FFIs in every sector-22 cube. */
    public static final int SECTOR_22_FFIS = 1248;
    /** Bytes per FFI in a cube's image: 2 planes (flux, error) x 2136 columns x 2078 rows x 4 bytes. */
    public static final long CUBE_BYTES_PER_FFI = 2L * 2136 * 2078 * 4;
    /** Bytes of one FFI image extension's data: 2136 x 2078 float32. */
    public static final long FFI_IMAGE_BYTES = 2136L * 2078 * 4;
    /** Bytes per row of the cube's FFI-header table (NAXIS1 of the synthetic profile). */
    public static final int CUBE_TABLE_ROW_BYTES = 1282;

    /** The calibrated-FFI header profiles seen in the archive. */
    public enum FfiVariant {
        /** 183-card extension headers (6 blocks): 98% of FFIs; image data at byte 20,160. */
        STANDARD("ffic-hdu1-cal.txt"),
        /** The 114-card extension-1 header of FFIs without WCS (4 blocks); image data at byte 14,400. */
        NO_WCS("ffic-hdu1-cal-nowcs.txt");

        private final String calResource;

        FfiVariant(String calResource) {
            this.calResource = calResource;
        }
    }

    /**
     * How the cube's FFI-header table stores the FFIs' logical keywords (INHERIT, SIMDATA,
     * BACKAPP, DEADAPP, VIGNAPP): astrocut before 1.x made them {@code D} columns of 1.0 and 0.0,
     * astrocut 1.x (2025) makes them {@code J} columns of 1 and 0.
     */
    public enum LogicalColumns {
        /** {@code D}: 1.0 and 0.0 (the cubes in the archive; a 1282-byte row). */
        DOUBLE,
        /** {@code J}: 1 and 0 (a 1262-byte row). */
        INTEGER
    }

    /** The logical keywords of the FFI extension-1 profile, which a cube's table holds as numbers. */
    public static final List<String> LOGICAL_KEYWORDS = List.of("INHERIT", "SIMDATA", "BACKAPP", "DEADAPP", "VIGNAPP");

    private TessFiles() {
    }

    /** Rounds {@code bytes} up to whole 2880-byte blocks. */
    public static long pad(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }

    /**
     * Writes a SPOC cube of {@code ffis} FFIs as a sparse file and returns its path.
     * Layout: primary (1 block, NAXIS=0), image header (1 block, float32, axes 2 x ffis x 2136 x 2078),
     * the image data as a hole, the FFI-header table header (16 blocks) and its rows as a hole.
     */
    public static Path writeCube(Path file, int sector, int camera, int ccd, int ffis) {
        return writeCube(file, sector, camera, ccd, ffis, LogicalColumns.DOUBLE);
    }

    /**
     * Writes a SPOC cube as {@link #writeCube(Path, int, int, int, int)} does, its table's logical
     * columns stored as {@code logicals} says.
     */
    public static Path writeCube(Path file, int sector, int camera, int ccd, int ffis, LogicalColumns logicals) {
        byte[] primary = header("cube-hdu0-primary.txt",
                "SECTOR", Integer.toString(sector), "CAMERA", Integer.toString(camera), "CCD", Integer.toString(ccd));
        byte[] image = header("cube-hdu1-image.txt", "NAXIS2", Integer.toString(ffis));
        List<String> pairs = new ArrayList<>(List.of("NAXIS2", Integer.toString(ffis)));
        int rowBytes = CUBE_TABLE_ROW_BYTES;
        if (logicals == LogicalColumns.INTEGER) {
            rowBytes -= 4 * LOGICAL_KEYWORDS.size();
            pairs.addAll(List.of("NAXIS1", Integer.toString(rowBytes)));
            for (String card : cards("cube-hdu2-table.txt")) {
                if (card.startsWith("TTYPE") && LOGICAL_KEYWORDS.contains(card.split("'")[1].strip())) {
                    pairs.addAll(List.of("TFORM" + card.substring(5, 8).strip(), fitsValue("J")));
                }
            }
        }
        byte[] table = header("cube-hdu2-table.txt", pairs.toArray(String[]::new));
        long tableAt = primary.length + image.length + pad(CUBE_BYTES_PER_FFI * ffis);
        long end = tableAt + table.length + pad((long) rowBytes * ffis);
        write(file, end, new long[] {0, primary.length, tableAt}, primary, image, table);
        return file;
    }

    /**
     * Writes a calibrated FFI (primary, {@code cal} and {@code uncert} image extensions of
     * 2136 x 2078 float32) as a sparse file and returns its path.
     */
    public static Path writeFfi(Path file, int camera, int ccd, FfiVariant variant) {
        return writeFfi(file, camera, ccd, variant, Map.of(), Map.of());
    }

    /**
     * Writes a calibrated FFI as {@link #writeFfi(Path, int, int, FfiVariant)} does, with the values
     * of the keywords in {@code primaryValues} and {@code calValues} set in its primary and
     * extension-1 headers ({@link String}, {@link Boolean}, {@link Integer}, {@link Long} or
     * {@link Double}, written in the fixed format with the profile's comment; {@code null} removes
     * the card). Every keyword named must be in the profile.
     */
    public static Path writeFfi(Path file, int camera, int ccd, FfiVariant variant, Map<String, ?> primaryValues,
                                Map<String, ?> calValues) {
        String cam = Integer.toString(camera);
        String chip = Integer.toString(ccd);
        byte[] primary = header("ffic-hdu0-primary.txt", pairs(primaryValues));
        List<String> calPairs = new ArrayList<>(List.of("CAMERA", cam, "CCD", chip,
                "EXTNAME", "'CAMERA.CCD " + cam + "." + chip + " cal'"));
        calPairs.addAll(Arrays.asList(pairs(calValues)));
        byte[] cal = header(variant.calResource, calPairs.toArray(String[]::new));
        byte[] uncert = header("ffic-hdu2-uncert.txt", "CAMERA", cam, "CCD", chip,
                "EXTNAME", "'CAMERA.CCD " + cam + "." + chip + " uncert'");
        long uncertAt = primary.length + cal.length + pad(FFI_IMAGE_BYTES);
        long end = uncertAt + uncert.length + pad(FFI_IMAGE_BYTES);
        write(file, end, new long[] {0, primary.length, uncertAt}, primary, cal, uncert);
        return file;
    }

    /**
     * The header in {@code resource} as FITS bytes (cards joined, END included, padded with
     * blanks to whole blocks), with the values of the named keywords replaced:
     * {@code header("cube-hdu1-image.txt", "NAXIS2", "100")}.
     */
    public static byte[] header(String resource, String... keywordValuePairs) {
        List<String> cards = cards(resource);
        for (int i = 0; i + 1 < keywordValuePairs.length; i += 2) {
            replace(cards, keywordValuePairs[i], keywordValuePairs[i + 1]);
        }
        String text = String.join("", cards);
        byte[] bytes = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), (int) pad(text.length()));
        Arrays.fill(bytes, text.length(), bytes.length, (byte) ' ');
        return bytes;
    }

    /**
     * The value field of a fixed-format card for {@code value}: a quoted string (quotes doubled,
     * padded to 8 characters), {@code T} or {@code F}, an integer, or a real as {@link Double#toString}
     * writes it (exactly the double when read back); {@code null} for none.
     */
    public static String fitsValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return "'" + String.format(Locale.ROOT, "%-8s", s.replace("'", "''")) + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "T" : "F";
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("FITS cannot hold " + d);
            }
            return d.toString();
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a FITS value: " + value.getClass().getName());
    }

    private static String[] pairs(Map<String, ?> values) {
        List<String> out = new ArrayList<>();
        values.forEach((keyword, value) -> {
            out.add(keyword);
            out.add(fitsValue(value));
        });
        return out.toArray(String[]::new);
    }

    /** The 80-character cards of {@code resource}, END included. */
    public static List<String> cards(String resource) {
        try (InputStream in = TessFiles.class.getResourceAsStream("tess/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no such header text: " + resource);
            }
            List<String> cards = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isEmpty()) {
                    cards.add(String.format(Locale.ROOT, "%-80s", line.stripTrailing()).substring(0, 80));
                }
            }
            return cards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value of {@code keyword}'s card to {@code value} (a value field), or removes the card for null. */
    private static void replace(List<String> cards, String keyword, String value) {
        String key = String.format(Locale.ROOT, "%-8s", keyword);
        for (int i = 0; i < cards.size(); i++) {
            String card = cards.get(i);
            if (card.startsWith(key + "=") && value == null) {
                cards.remove(i);
                return;
            }
            if (card.startsWith(key + "=")) {
                int slash = commentStart(card);
                String comment = slash < 0 ? "" : card.substring(slash);
                String field = value.startsWith("'") ? String.format(Locale.ROOT, "%-20s", value)
                        : String.format(Locale.ROOT, "%20s", value);
                cards.set(i, String.format(Locale.ROOT, "%-80s", key + "= " + field + comment).substring(0, 80));
                return;
            }
        }
        throw new IllegalArgumentException("no card " + keyword);
    }

    /** Where the {@code " / "} before a card's comment starts (after a quoted string's closing quote), or -1. */
    private static int commentStart(String card) {
        int from = 10;
        if (card.charAt(10) == '\'') {
            int k = 11;
            while (k < card.length()) {
                if (card.charAt(k) == '\'' && (k + 1 >= card.length() || card.charAt(k + 1) != '\'')) {
                    break;
                }
                k += card.charAt(k) == '\'' ? 2 : 1;
            }
            from = k;
        }
        return card.indexOf(" / ", from);
    }

    private static void write(Path file, long size, long[] offsets, byte[]... headers) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
            for (int i = 0; i < headers.length; i++) {
                ch.write(ByteBuffer.wrap(headers[i]), offsets[i]);
            }
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

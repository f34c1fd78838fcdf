package org.astrocloud.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Fills parts of a sparse SPOC cube written by {@link TessFiles#writeCube} with known content: the
 * FFI-header table's rows (one per FFI, each value written big-endian as its column's TFORM says)
 * and the pixels of a box, so that tests can check what a reader makes of them. Everything else
 * stays a hole.
 *
 * <pre>{@code
 * Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, 1248);
 * TessCubeContent.writeRows(cube, 1248, i -> TessCubeContent.frame(22, 1, 1, i));
 * TessCubeContent.writeBox(cube, 1248, 1000, 500, 30, 30, (row, col, frame, plane) -> row + col / 1000f);
 * }</pre>
 *
 * <p>The row values of {@link #frame} are made up for tests (plausible, not copied from any file).
 */
public final class TessCubeContent {
    private static final int COLUMNS = 2136;
    private static final double CADENCE = 1.0 / 48;   // 30-minute FFIs, days

    private TessCubeContent() {
    }

    /** The value of one plane (0 flux, 1 error) of one pixel (0-based row and column) in one frame. */
    @FunctionalInterface
    public interface PixelValue {
        /** The value at 0-based {@code row}, {@code column}, {@code frame} and {@code plane}. */
        float value(int row, int column, int frame, int plane);
    }

    /** One column of the synthetic table: its name, TFORM and byte offset in a row. */
    private record Column(String name, String tform, int offset, int width) {
    }

    /**
     * Writes the FFI-header table's {@code ffis} rows: row {@code i} holds the values of
     * {@code rows.apply(i)} by column name (a {@link Number} for J and D columns, a {@link String}
     * for A columns, a {@link Boolean} as 1 or 0 in a J or D column, as astrocut stores logicals);
     * columns not named stay zero (0, 0.0 or an empty string). The columns are those of the table
     * header in the cube (either {@link TessFiles.LogicalColumns}).
     */
    public static void writeRows(Path cube, int ffis, IntFunction<Map<String, Object>> rows) {
        long tableAt = 2L * TessFiles.BLOCK + TessFiles.pad(TessFiles.CUBE_BYTES_PER_FFI * ffis);
        List<String> header = tableHeader(cube, tableAt);
        List<Column> columns = columns(header);
        int rowBytes = columns.stream().mapToInt(Column::width).sum();
        ByteBuffer table = ByteBuffer.allocate(rowBytes * ffis);
        for (int i = 0; i < ffis; i++) {
            Map<String, Object> values = rows.apply(i);
            int base = i * rowBytes;
            for (Column c : columns) {
                Object v = values.get(c.name());
                if (v != null) {
                    put(table, base + c.offset(), c, v);
                }
            }
        }
        write(cube, tableAt + TessFiles.pad(80L * header.size()), table);
    }

    /**
     * Writes the pixels of the box of {@code height} rows from {@code row0} and {@code width}
     * columns from {@code column0} (0-based), every frame and both planes, at the byte addresses of
     * the standard's formula: {@code 5760 + 4 ((row 2136 + column) 2 ffis + 2 frame + plane)}.
     */
    public static void writeBox(Path cube, int ffis, int row0, int column0, int height, int width, PixelValue value) {
        try (FileChannel ch = FileChannel.open(cube, StandardOpenOption.WRITE)) {
            for (int row = row0; row < row0 + height; row++) {
                ByteBuffer run = ByteBuffer.allocate(width * ffis * 8);
                for (int col = column0; col < column0 + width; col++) {
                    for (int f = 0; f < ffis; f++) {
                        run.putFloat(value.value(row, col, f, 0)).putFloat(value.value(row, col, f, 1));
                    }
                }
                long at = 2L * TessFiles.BLOCK + 4L * ((row * (long) COLUMNS + column0) * ffis * 2);
                ch.write(run.flip(), at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the table's rows start in a cube of {@code ffis} FFIs. */
    public static long tableDataOffset(int ffis) {
        long tableAt = 2L * TessFiles.BLOCK + TessFiles.pad(TessFiles.CUBE_BYTES_PER_FFI * ffis);
        return tableAt + TessFiles.header("cube-hdu2-table.txt").length;
    }

    /**
     * A made-up row for FFI {@code i} of a 30-minute sector: TSTART/TSTOP every 1/48 day from
     * BTJD 1899.32, a DQUALITY flag on every 50th frame, a BARYCORR that drifts, a gnomonic WCS with
     * zero SIP terms whose CRVAL1 drifts by a micro-degree per frame, and an FFI_FILE name of 44
     * characters.
     */
    public static Map<String, Object> frame(int sector, int camera, int ccd, int i) {
        Map<String, Object> row = new LinkedHashMap<>();
        double start = 1899.3226 + i * CADENCE;
        row.put("XTENSION", "IMAGE");
        row.put("BITPIX", -32);
        row.put("NAXIS", 2);
        row.put("NAXIS1", 2136);
        row.put("NAXIS2", 2078);
        row.put("INHERIT", 1.0);
        row.put("EXTNAME", "CAMERA.CCD " + camera + "." + ccd + " cal");
        row.put("TELESCOP", "TESS");
        row.put("CAMERA", camera);
        row.put("CCD", ccd);
        row.put("RADESYS", "ICRS");
        row.put("TSTART", start);
        row.put("TSTOP", start + CADENCE * 0.999);
        row.put("DEADC", 0.792);
        row.put("EXPOSURE", 0.0165);
        row.put("INT_TIME", 1.98);
        row.put("NUM_FRM", 900);
        row.put("TIMEDEL", CADENCE);
        row.put("GAINA", 5.25);
        row.put("BARYCORR", 0.0042 + i * 1e-7);
        row.put("DQUALITY", i % 50 == 7 ? 32 : 0);
        row.put("IMAGTYPE", "cal");
        row.put("WCSAXES", 2);
        row.put("CTYPE1", "RA---TAN-SIP");
        row.put("CTYPE2", "DEC--TAN-SIP");
        row.put("CRVAL1", 101.25 + i * 1e-6);
        row.put("CRVAL2", -61.5);
        row.put("CRPIX1", 1045.0);
        row.put("CRPIX2", 1001.0);
        row.put("CD1_1", -0.00496);
        row.put("CD1_2", 0.00207);
        row.put("CD2_1", -0.00199);
        row.put("CD2_2", -0.00501);
        row.put("A_ORDER", 2);
        row.put("B_ORDER", 2);
        row.put("AP_ORDER", 2);
        row.put("BP_ORDER", 2);
        row.put("FFI_FILE", String.format(Locale.ROOT, "tess2020%09d-s%04d-%d-%d-0174-s_ffic.fits",
                50_120_000 + i, sector, camera, ccd));
        return row;
    }

    /** The cards of the table header at {@code at} in {@code cube}, END included. */
    private static List<String> tableHeader(Path cube, long at) {
        List<String> cards = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(cube, StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(TessFiles.BLOCK);
            for (long offset = at; ; offset += TessFiles.BLOCK) {
                block.clear();
                while (block.hasRemaining() && ch.read(block, offset + block.position()) > 0) {
                    // read the whole block
                }
                String text = new String(block.array(), StandardCharsets.US_ASCII);
                for (int c = 0; c < TessFiles.BLOCK; c += 80) {
                    String card = text.substring(c, c + 80);
                    cards.add(card);
                    if (card.startsWith("END     ")) {
                        return cards;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Column> columns(List<String> header) {
        Map<Integer, String> names = new LinkedHashMap<>();
        Map<Integer, String> forms = new LinkedHashMap<>();
        int naxis1 = -1;
        for (String card : header) {
            String key = card.substring(0, 8).strip();
            if (key.startsWith("TTYPE")) {
                names.put(Integer.parseInt(key.substring(5)), quoted(card));
            } else if (key.startsWith("TFORM")) {
                forms.put(Integer.parseInt(key.substring(5)), quoted(card));
            } else if (key.equals("NAXIS1")) {
                naxis1 = Integer.parseInt(card.substring(10, 30).strip());
            }
        }
        List<Column> out = new ArrayList<>();
        int offset = 0;
        for (int n = 1; n <= names.size(); n++) {
            String tform = forms.get(n);
            int width = width(tform);
            out.add(new Column(names.get(n), tform, offset, width));
            offset += width;
        }
        if (offset != naxis1) {
            throw new IllegalStateException("the table's columns add up to " + offset + " bytes a row, NAXIS1 says "
                    + naxis1);
        }
        return out;
    }

    private static String quoted(String card) {
        int a = card.indexOf('\'');
        int b = card.indexOf('\'', a + 1);
        return card.substring(a + 1, b).strip();
    }

    private static int width(String tform) {
        char type = tform.charAt(tform.length() - 1);
        int repeat = tform.length() == 1 ? 1 : Integer.parseInt(tform.substring(0, tform.length() - 1));
        return switch (type) {
            case 'J', 'E' -> 4 * repeat;
            case 'D', 'K' -> 8 * repeat;
            case 'I' -> 2 * repeat;
            case 'A', 'B', 'L' -> repeat;
            default -> throw new IllegalArgumentException("TFORM " + tform);
        };
    }

    private static void put(ByteBuffer table, int at, Column c, Object v) {
        char type = c.tform().charAt(c.tform().length() - 1);
        if (v instanceof Boolean b && type != 'L') {
            v = b ? 1 : 0;
        }
        switch (type) {
            case 'L' -> table.put(at, (byte) ((Boolean) v ? 'T' : 'F'));
            case 'J' -> table.putInt(at, ((Number) v).intValue());
            case 'D' -> table.putDouble(at, ((Number) v).doubleValue());
            case 'E' -> table.putFloat(at, ((Number) v).floatValue());
            case 'K' -> table.putLong(at, ((Number) v).longValue());
            case 'I' -> table.putShort(at, ((Number) v).shortValue());
            case 'A' -> {
                byte[] text = ((String) v).getBytes(StandardCharsets.US_ASCII);
                table.put(at, text, 0, Math.min(text.length, c.width()));
            }
            default -> throw new IllegalArgumentException("cannot write " + c.name() + " as " + c.tform());
        }
    }

    private static void write(Path cube, long at, ByteBuffer bytes) {
        try (FileChannel ch = FileChannel.open(cube, StandardOpenOption.WRITE)) {
            bytes.rewind();
            while (bytes.hasRemaining()) {
                ch.write(bytes, at + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.astrocloud.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * One camera/CCD's series of synthetic calibrated FFIs of a 30-minute sector, and the cube made of
 * them: every FFI's extension-1 header is the standard profile with per-file values (DATE-OBS and
 * DATE-END every 30 minutes, TSTART/TSTOP from them, a drifting BARYCORR, DQUALITY flags on some
 * frames, a WCS whose CRVAL and CD terms drift, its own CHECKSUM and DATASUM), and the cube's
 * FFI-header table holds exactly those values, one row per FFI in time order, written as the
 * table's TFORMs say ({@link TessCubeContent#writeRows}).
 *
 * <p>Files are placed as in the archive under a root: the FFIs at
 * {@code ffi/s{SSSS}/{yyyy}/{ddd}/{C}-{D}/tess{yyyy}{ddd}{hhmmss}-s{SSSS}-{C}-{D}-0174-s_ffic.fits}
 * (the name's timestamp 3 minutes before DATE-OBS), the cube at
 * {@code mast/tess-s{SSSS}-{C}-{D}-cube.fits}. All are sparse.
 *
 * <pre>{@code
 * TessFfiSeries series = TessFfiSeries.of(22, 1, 1, 16);
 * for (int i = 0; i < series.size(); i++) {
 *     series.writeFfi(root, i);
 * }
 * Path cube = series.writeCube(root, TessFiles.LogicalColumns.DOUBLE);
 * }</pre>
 *
 * <p>The values are made up for tests (plausible, not copied from any file). The profile's keyword
 * names are those of camera 1, CCD 1 ({@code TMOFST11}) whatever the camera.
 */
public final class TessFfiSeries {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final DateTimeFormatter DATE_OBS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyDDDHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Instant FIRST = Instant.parse("2020-02-19T19:36:23Z");
    private static final long CADENCE_SECONDS = 1800;
    private static final double DAY = 86_400;

    private final int sector;
    private final int camera;
    private final int ccd;
    private final int ffis;
    private final Map<String, Object> template;

    private TessFfiSeries(int sector, int camera, int ccd, int ffis) {
        this.sector = sector;
        this.camera = camera;
        this.ccd = ccd;
        this.ffis = ffis;
        this.template = values(TessFiles.cards("ffic-hdu1-cal.txt"));
    }

    /** The series of {@code ffis} FFIs of {@code sector}, {@code camera}, {@code ccd}. */
    public static TessFfiSeries of(int sector, int camera, int ccd, int ffis) {
        if (ffis < 1) {
            throw new IllegalArgumentException("a series needs an FFI");
        }
        return new TessFfiSeries(sector, camera, ccd, ffis);
    }

    /** How many FFIs. */
    public int size() {
        return ffis;
    }

    /** FFI {@code i}'s DATE-OBS. */
    public Instant start(int i) {
        return FIRST.plusSeconds(CADENCE_SECONDS * i);
    }

    /** FFI {@code i}'s file name. */
    public String fileName(int i) {
        return String.format(Locale.ROOT, "tess%s-s%04d-%d-%d-0174-s_ffic.fits",
                NAME_TIME.format(start(i).minusSeconds(180)), sector, camera, ccd);
    }

    /** FFI {@code i}'s directory under the root, as the archive lays FFIs out. */
    public String directory(int i) {
        String stamp = NAME_TIME.format(start(i).minusSeconds(180));
        return String.format(Locale.ROOT, "ffi/s%04d/%s/%s/%d-%d/", sector, stamp.substring(0, 4),
                stamp.substring(4, 7), camera, ccd);
    }

    /** The cube's path under the root. */
    public String cubePath() {
        return String.format(Locale.ROOT, "mast/tess-s%04d-%d-%d-cube.fits", sector, camera, ccd);
    }

    /**
     * Every extension-1 keyword's value in FFI {@code i}, in header order (a fresh map: change it
     * to make odd files): strings, Booleans, Integers and Doubles as the profile types them.
     */
    public Map<String, Object> cal(int i) {
        Map<String, Object> v = new LinkedHashMap<>(template);
        Instant start = start(i);
        Instant end = start.plusSeconds(CADENCE_SECONDS);
        double barycorr = 0.0048992066 + i * 2.5e-7;
        double tstart = btjd(start, barycorr);
        v.put("CAMERA", camera);
        v.put("CCD", ccd);
        v.put("EXTNAME", "CAMERA.CCD " + camera + "." + ccd + " cal");
        v.put("TSTART", tstart);
        v.put("TSTOP", btjd(end, barycorr));
        v.put("DATE-OBS", DATE_OBS.format(start));
        v.put("DATE-END", DATE_OBS.format(end));
        v.put("BARYCORR", barycorr);
        v.put("DQUALITY", i % 9 == 4 ? 2048 : i % 13 == 7 ? 36 : 0);
        v.put("CRVAL1", (Double) template.get("CRVAL1") + i * 1.3e-6);
        v.put("CRVAL2", (Double) template.get("CRVAL2") - i * 7.0e-7);
        v.put("CD1_1", (Double) template.get("CD1_1") * (1 + i * 1e-7));
        v.put("CD2_2", (Double) template.get("CD2_2") * (1 - i * 1e-7));
        v.put("CHECKSUM", checksum(i));
        v.put("DATASUM", Long.toString(i % 3 == 0 ? 243_761_982L + 7919L * i : 2_437_619_827L - 104_729L * i));
        return v;
    }

    /** The primary-header values of FFI {@code i} that differ from file to file. */
    public Map<String, Object> primary(int i) {
        Map<String, Object> cal = cal(i);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String k : List.of("TSTART", "TSTOP", "DATE-OBS", "DATE-END")) {
            v.put(k, cal.get(k));
        }
        v.put("FFIINDEX", 32_249 + i);
        v.put("CHECKSUM", checksum(i + ffis));
        return v;
    }

    /** Writes FFI {@code i} at its place under {@code root} and returns its path. */
    public Path writeFfi(Path root, int i) {
        return writeFfi(root, i, cal(i));
    }

    /** Writes FFI {@code i} with the extension-1 values {@code cal} ({@code null}: the card left out). */
    public Path writeFfi(Path root, int i, Map<String, ?> cal) {
        Path file = root.resolve(directory(i)).resolve(fileName(i));
        createParent(file);
        return TessFiles.writeFfi(file, camera, ccd, TessFiles.FfiVariant.STANDARD, primary(i), cal);
    }

    /** Writes the cube of the series' FFIs under {@code root} and returns its path. */
    public Path writeCube(Path root, TessFiles.LogicalColumns logicals) {
        return writeCube(root, logicals, this::cal);
    }

    /**
     * Writes the cube whose table row {@code i} holds {@code cal.apply(i)} and FFI {@code i}'s
     * name; a {@code null} value (a keyword the FFI lacks) is stored as astrocut fills it: an empty
     * string in an A column, NaN in a D column, 0 in a J column.
     */
    public Path writeCube(Path root, TessFiles.LogicalColumns logicals, IntFunction<Map<String, ?>> cal) {
        Path file = root.resolve(cubePath());
        createParent(file);
        TessFiles.writeCube(file, sector, camera, ccd, ffis, logicals);
        TessCubeContent.writeRows(file, ffis, i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            cal.apply(i).forEach((k, value) -> row.put(k, value != null ? value
                    : template.get(k) instanceof String ? "" : (Object) Double.NaN));
            row.put("FFI_FILE", fileName(i));
            return row;
        });
        return file;
    }

    /** BTJD of a UTC instant: JD(UTC) + 69.184 s (TT - UTC) + the barycentric correction - 2457000. */
    private static double btjd(Instant utc, double barycorr) {
        double jd = 2_440_587.5 + (utc.getEpochSecond() + utc.getNano() / 1e9) / DAY;
        return jd + 69.184 / DAY + barycorr - 2_457_000;
    }

    /** A made-up 16-character checksum string of FFI {@code i}. */
    private static String checksum(int i) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder s = new StringBuilder(16);
        long x = 0x9E3779B97F4A7C15L * (i + 1);
        for (int k = 0; k < 16; k++) {
            s.append(alphabet.charAt((int) Long.remainderUnsigned(x >>> (k * 3), alphabet.length())));
        }
        return s.toString();
    }

    /** The profile's values by keyword, typed: quoted strings, T/F, integers, reals. */
    private static Map<String, Object> values(List<String> cards) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String card : cards) {
            if (card.startsWith("END     ") || card.charAt(8) != '=') {
                continue;
            }
            String field = card.substring(10);
            Object value;
            if (field.startsWith("'")) {
                StringBuilder s = new StringBuilder();
                int k = 1;
                while (k < field.length()) {
                    char c = field.charAt(k);
                    if (c == '\'' && k + 1 < field.length() && field.charAt(k + 1) == '\'') {
                        s.append('\'');
                        k += 2;
                    } else if (c == '\'') {
                        break;
                    } else {
                        s.append(c);
                        k++;
                    }
                }
                value = s.toString().stripTrailing();
            } else {
                int slash = field.indexOf('/');
                String text = (slash < 0 ? field : field.substring(0, slash)).strip();
                value = text.equals("T") ? Boolean.TRUE : text.equals("F") ? Boolean.FALSE
                        : INTEGER.matcher(text).matches() ? (Object) Integer.valueOf(text) : (Object) Double.valueOf(text);
            }
            out.put(card.substring(0, 8).strip(), value);
        }
        return out;
    }

    private static void createParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

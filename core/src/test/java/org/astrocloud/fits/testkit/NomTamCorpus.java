package org.astrocloud.fits.testkit;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.NullDataHDU;
import nom.tam.fits.RandomGroupsHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;

/**
 * Real FITS files of every kind, written by nom-tam-fits: primary images of every BITPIX, image,
 * binary and ASCII table extensions, variable-length arrays with a heap, random groups, a
 * tile-compressed image, long strings with CONTINUE, HIERARCH keywords, multi-block headers and a
 * file of {@value #MANY_HDUS} HDUs. Each method writes one file into a directory, under a fixed
 * name, and returns its path; {@link #all(Path)} writes them all.
 *
 * <p>nom-tam-fits keeps its settings in global statics: every nom-tam call here runs with the
 * calling thread switched to thread-local settings (see {@link #nomTam}), so the global settings
 * are never changed.
 */
public final class NomTamCorpus {
    /** The BITPIX values of {@link #imageOfBitpix}: every one FITS allows. */
    public static final List<Integer> BITPIX = List.of(8, 16, 32, 64, -32, -64);
    /** The value of {@code LONGSTR} in the primary header of {@link #longStrings}: several CONTINUE cards. */
    public static final String LONG_TEXT = "A long value that spans several cards, with an 'apostrophe', and the word END "
            + "in it; ".repeat(3) + "x".repeat(120) + " tail";
    /** The value of {@code OTHER} in the extension header of {@link #longStrings}. */
    public static final String OTHER_TEXT = "y".repeat(69) + "z".repeat(69);
    /** The number of HDUs in {@link #manyHdus}. */
    public static final int MANY_HDUS = 30;

    private NomTamCorpus() {
    }

    /**
     * Work with nom-tam-fits, which may throw anything.
     *
     * @param <T> what the work returns
     */
    @FunctionalInterface
    public interface NomTamWork<T> {
        /**
         * Does the work.
         *
         * @return its result
         * @throws Exception whatever nom-tam-fits throws
         */
        T run() throws Exception;
    }

    /**
     * Runs {@code work} with this thread on nom-tam's thread-local settings (long strings and
     * HIERARCH on), and switches the thread back afterwards. Never touches the global settings.
     *
     * @param <T> what the work returns
     * @param work the nom-tam-fits calls
     * @return what {@code work} returns
     * @throws Exception whatever {@code work} throws
     */
    public static <T> T nomTam(NomTamWork<T> work) throws Exception {
        FitsFactory.useThreadLocalSettings(true);
        try {
            FitsFactory.setLongStringsEnabled(true);
            FitsFactory.setUseHierarch(true);
            return work.run();
        } finally {
            FitsFactory.useThreadLocalSettings(false);
        }
    }

    /**
     * Writes the HDUs that {@code hdus} builds (inside nom-tam's thread-local settings, see
     * {@link #nomTam}) to {@code file}.
     *
     * @return {@code file}
     */
    public static Path write(Path file, NomTamWork<List<BasicHDU<?>>> hdus) throws Exception {
        nomTam(() -> {
            try (Fits fits = new Fits()) {
                for (BasicHDU<?> hdu : hdus.run()) {
                    fits.addHDU(hdu);
                }
                fits.write(file.toFile());
            }
            return null;
        });
        return file;
    }

    /** Writes every file of this corpus into {@code dir}: 14 files, 59 HDUs. */
    public static List<Path> all(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int bitpix : BITPIX) {
            files.add(imageOfBitpix(dir, bitpix));
        }
        files.add(mixedExtensions(dir));
        files.add(variableLengthArrays(dir));
        files.add(randomGroups(dir));
        files.add(tileCompressedImage(dir));
        files.add(longStrings(dir));
        files.add(hierarch(dir));
        files.add(multiBlockHeaders(dir));
        files.add(manyHdus(dir));
        return files;
    }

    // ------------------------------------------------------------------ the files

    /**
     * {@code image<bitpix>.fits}: a primary image of 37 x 29 x 3 pixels and an IMAGE extension of
     * 7 x 5 x 1 pixels, both of the Java type nom-tam writes with {@code bitpix}.
     */
    public static Path imageOfBitpix(Path dir, int bitpix) throws Exception {
        return write(dir.resolve("image" + bitpix + ".fits"), () -> List.of(
                Fits.makeHDU(cube(bitpix, 3, 29, 37)),
                Fits.makeHDU(cube(bitpix, 1, 5, 7))));
    }

    /**
     * {@code mixed.fits}: an empty primary HDU, a 30 x 20 float IMAGE, a 5-row BINTABLE of 3
     * columns (int, double, string) and a 3-row ASCII TABLE of 3 columns.
     */
    public static Path mixedExtensions(Path dir) throws Exception {
        return write(dir.resolve("mixed.fits"), () -> {
            BasicHDU<?> image = Fits.makeHDU(new float[20][30]);
            BasicHDU<?> bintable = Fits.makeHDU(new Object[] {
                new int[] {1, 2, 3, 4, 5}, new double[] {0.5, 1.5, 2.5, 3.5, 4.5},
                new String[] {"a", "bb", "ccc", "dddd", "eeeee"}});
            FitsFactory.setUseAsciiTables(true); // thread-local: nomTam switched this thread to local settings
            BasicHDU<?> ascii = Fits.makeHDU(new Object[] {
                new int[] {10, 20, 30}, new double[] {1.25, 2.5, 3.75}, new String[] {"x", "yy", "zzz"}});
            return List.of(new NullDataHDU(), image, bintable, ascii);
        });
    }

    /**
     * {@code varlength.fits}: an empty primary HDU and a 5-row BINTABLE with two variable-length
     * array columns (ints of lengths 1, 3, 2, 0, 7 and doubles of lengths 2, 0, 1, 3, 1, in the
     * heap) and a float column.
     */
    public static Path variableLengthArrays(Path dir) throws Exception {
        int[][] ints = {{1}, {1, 2, 3}, {4, 5}, {}, {6, 7, 8, 9, 10, 11, 12}};
        double[][] doubles = {{0.5, 1.5}, {}, {2.5}, {3.5, 4.5, 5.5}, {6.5}};
        return write(dir.resolve("varlength.fits"), () -> List.of(new NullDataHDU(),
                BinaryTable.fromColumnMajor(new Object[] {ints, doubles, new float[] {1, 2, 3, 4, 5}}).toHDU()));
    }

    /** {@code groups.fits}: random groups only, 7 groups of 3 float parameters and a 5 x 4 float array. */
    public static Path randomGroups(Path dir) throws Exception {
        Object[][] groups = new Object[7][2];
        for (int g = 0; g < groups.length; g++) {
            groups[g][0] = new float[] {g, g + 1f, g + 2f};
            groups[g][1] = new float[4][5];
        }
        return write(dir.resolve("groups.fits"), () -> List.of(RandomGroupsHDU.createFrom(groups)));
    }

    /**
     * {@code compressed.fits.fz}: an empty primary HDU and a 100 x 64 int image, tile-compressed
     * with RICE_1 in tiles of 100 x 8.
     */
    public static Path tileCompressedImage(Path dir) throws Exception {
        Random random = new Random(42);
        int[][] pixels = new int[64][100];
        for (int[] row : pixels) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(5000);
            }
        }
        return write(dir.resolve("compressed.fits.fz"), () -> {
            CompressedImageHDU compressed = CompressedImageHDU.fromImageHDU((ImageHDU) Fits.makeHDU(pixels), 100, 8);
            compressed.setCompressAlgorithm("RICE_1");
            compressed.compress();
            return List.of(new NullDataHDU(), compressed);
        });
    }

    /**
     * {@code longstrings.fits}: a 3 x 5 short primary image with {@code LONGSTR} = {@link #LONG_TEXT}
     * and {@code SHORT} = "short", and a 2 x 2 int IMAGE with {@code OTHER} = {@link #OTHER_TEXT}.
     */
    public static Path longStrings(Path dir) throws Exception {
        return write(dir.resolve("longstrings.fits"), () -> {
            BasicHDU<?> primary = Fits.makeHDU(new short[5][3]);
            primary.getHeader().addValue("LONGSTR", LONG_TEXT, "a long string");
            primary.getHeader().addValue("SHORT", "short", "a short string");
            BasicHDU<?> ext = Fits.makeHDU(new int[2][2]);
            ext.getHeader().addValue("OTHER", OTHER_TEXT, "another one");
            return List.of(primary, ext);
        });
    }

    /**
     * {@code hierarch.fits}: a 4 x 4 byte primary image with four HIERARCH keywords:
     * {@code ESO DET CHIP ID} = "CCD-1 left", {@code ESO TEL AIRM START} = 1.25,
     * {@code ESO OBS ID} = 123456789 and {@code ESO INS FILT1 NAME} = "R_SPECIAL".
     */
    public static Path hierarch(Path dir) throws Exception {
        return write(dir.resolve("hierarch.fits"), () -> {
            BasicHDU<?> primary = Fits.makeHDU(new byte[4][4]);
            Header h = primary.getHeader();
            h.addValue("HIERARCH.ESO.DET.CHIP.ID", "CCD-1 left", "chip name");
            h.addValue("HIERARCH.ESO.TEL.AIRM.START", 1.25, "airmass at start");
            h.addValue("HIERARCH.ESO.OBS.ID", 123456789L, "observation id");
            h.addValue("HIERARCH.ESO.INS.FILT1.NAME", "R_SPECIAL", "filter");
            return List.of(primary);
        });
    }

    /**
     * {@code bigheader.fits}: a 10 x 10 double primary image whose header has 120 {@code KEYnnnnn}
     * cards, 20 comments, 10 history cards and 5 blank cards (several blocks), then four short
     * IMAGE extensions with 35, 36, 71 and 72 cards before END: their END card falls on the last
     * card of a block and on the first card of the next one.
     */
    public static Path multiBlockHeaders(Path dir) throws Exception {
        return write(dir.resolve("bigheader.fits"), () -> {
            BasicHDU<?> primary = Fits.makeHDU(new double[10][10]);
            Header h = primary.getHeader();
            for (int i = 0; i < 120; i++) {
                h.addValue(String.format("KEY%05d", i), i * 3L, "card " + i);
            }
            for (int i = 0; i < 20; i++) {
                h.insertComment("comment card " + i);
            }
            for (int i = 0; i < 10; i++) {
                h.insertHistory("history card " + i);
            }
            for (int i = 0; i < 5; i++) {
                h.insertBlankCard();
            }
            List<BasicHDU<?>> hdus = new ArrayList<>();
            hdus.add(primary);
            for (int target : new int[] {35, 36, 71, 72}) {
                BasicHDU<?> ext = Fits.makeHDU(new short[3][target]);
                Header eh = ext.getHeader();
                eh.validate(false);
                int filler = 0;
                while (eh.getNumberOfPhysicalCards() - 1 < target) {
                    eh.addValue(String.format("FILL%04d", filler++), filler, "filler");
                }
                hdus.add(ext);
            }
            return hdus;
        });
    }

    /**
     * {@code many.fits}: {@value #MANY_HDUS} HDUs, a 3 x 3 int primary image and extensions
     * {@code EXTNAME = 'HDUi'} cycling through a short IMAGE, a BINTABLE with filler cards (some
     * headers span blocks), a BINTABLE with a variable-length column, an empty HDU and a 1-D
     * double IMAGE.
     */
    public static Path manyHdus(Path dir) throws Exception {
        return write(dir.resolve("many.fits"), () -> {
            List<BasicHDU<?>> hdus = new ArrayList<>();
            hdus.add(Fits.makeHDU(new int[3][3]));
            for (int i = 1; i < MANY_HDUS; i++) {
                BasicHDU<?> hdu = switch (i % 5) {
                    case 0 -> Fits.makeHDU(new short[i][17 + i]);
                    case 1 -> Fits.makeHDU(new Object[] {new int[i], new double[i], strings(i)});
                    case 2 -> BinaryTable.fromColumnMajor(new Object[] {ragged(i), new float[i]}).toHDU();
                    case 3 -> new NullDataHDU();
                    default -> Fits.makeHDU(new double[i * 11]);
                };
                if (i % 5 == 1) {
                    for (int k = 0; k < i * 3; k++) {
                        hdu.getHeader().addValue(String.format("EXTRA%03d", k), k, "filler");
                    }
                }
                hdu.getHeader().addValue("EXTNAME", "HDU" + i, "name");
                hdus.add(hdu);
            }
            return hdus;
        });
    }

    // ------------------------------------------------------------------ data

    /** A cube of {@code planes x rows x cols} of the Java type nom-tam writes with {@code bitpix}. */
    private static Object cube(int bitpix, int planes, int rows, int cols) {
        Class<?> type = switch (bitpix) {
            case 8 -> byte.class;
            case 16 -> short.class;
            case 32 -> int.class;
            case 64 -> long.class;
            case -32 -> float.class;
            case -64 -> double.class;
            default -> throw new IllegalArgumentException("BITPIX " + bitpix);
        };
        Object cube = Array.newInstance(type, planes, rows, cols);
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                Object row = Array.get(Array.get(cube, p), r);
                for (int c = 0; c < cols; c++) {
                    Array.setByte(row, c, (byte) (p * 7 + r * 3 + c));
                }
            }
        }
        return cube;
    }

    private static String[] strings(int rows) {
        String[] s = new String[rows];
        for (int i = 0; i < rows; i++) {
            s[i] = "row" + i;
        }
        return s;
    }

    private static int[][] ragged(int rows) {
        int[][] r = new int[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = new int[i % 4];
            Arrays.fill(r[i], i);
        }
        return r;
    }
}

package org.astrocloud.examples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;

/**
 * FITS files whose CHECKSUM and DATASUM nom-tam-fits wrote ({@link Fits#setChecksum()}, its own
 * whole-HDU implementation, not the streamed sums under test), and corrupted copies of them.
 */
public final class ChecksummedFiles {
    private ChecksummedFiles() {
    }

    /**
     * A primary image of {@code rows} x {@code columns} random 32-bit integers and a 10 x 10 16-bit
     * image extension, both with CHECKSUM and DATASUM.
     *
     * @return {@code file}
     */
    public static Path write(Path file, int rows, int columns, long seed) throws IOException, FitsException {
        Random random = new Random(seed);
        int[][] pixels = new int[rows][columns];
        for (int[] row : pixels) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt();
            }
        }
        short[][] small = new short[10][10];
        for (short[] row : small) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (short) random.nextInt();
            }
        }
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(pixels));
            fits.addHDU(Fits.makeHDU(small));
            fits.setChecksum();
            fits.write(file.toFile());
        }
        return file;
    }

    /**
     * A copy of {@code source} at {@code target} with the lowest bit of the byte at {@code offset} flipped.
     *
     * @return {@code target}
     */
    public static Path flipped(Path source, Path target, long offset) throws IOException {
        Files.copy(source, target);
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 1);
        }
        return target;
    }
}

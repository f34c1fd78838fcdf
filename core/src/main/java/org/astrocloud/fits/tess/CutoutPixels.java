package org.astrocloud.fits.tess;

import org.astrocloud.fits.data.ImageData;

/**
 * The pixels of a cutout box: what was read of the cube (the box clipped to the CCD, numpy shape
 * rows x columns x frames x 2) placed in the whole box, NaN where the box lies outside the CCD, as
 * astrocut pads.
 */
final class CutoutPixels {
    private final CutoutBox box;
    private final int rowFrom;
    private final int columnFrom;
    private final int rows;
    private final int columns;
    private final int frames;
    private final float[] values;

    /**
     * @param box the box asked for
     * @param rowFrom the first FFI row read, 0-based
     * @param columnFrom the first FFI column read, 0-based
     * @param read the values read, numpy shape (rows, columns, frames, 2)
     */
    CutoutPixels(CutoutBox box, int rowFrom, int columnFrom, ImageData read) {
        long[] shape = read.shape();
        this.box = box;
        this.rowFrom = rowFrom;
        this.columnFrom = columnFrom;
        this.rows = (int) shape[0];
        this.columns = (int) shape[1];
        this.frames = (int) shape[2];
        this.values = read.floats();
    }

    int width() {
        return box.width();
    }

    int height() {
        return box.height();
    }

    /** The box's first FFI column, 0-based. */
    int columnStart() {
        return box.columnStart();
    }

    /** The box's first FFI row, 0-based. */
    int rowStart() {
        return box.rowStart();
    }

    /** The centre's column in the cutout, 0-based. */
    int centreColumn() {
        return box.column() - box.columnStart();
    }

    /** The centre's row in the cutout, 0-based. */
    int centreRow() {
        return box.row() - box.rowStart();
    }

    /** True when the cutout's pixel {@code y}, {@code x} (0-based) lies on the CCD. */
    boolean inside(int y, int x) {
        int r = box.rowStart() + y - rowFrom;
        int c = box.columnStart() + x - columnFrom;
        return r >= 0 && r < rows && c >= 0 && c < columns;
    }

    /** Plane {@code plane} (0 flux, 1 error) of frame {@code frame} at the cutout's pixel {@code y}, {@code x}. */
    float value(int y, int x, int frame, int plane) {
        if (!inside(y, x)) {
            return Float.NaN;
        }
        int r = box.rowStart() + y - rowFrom;
        int c = box.columnStart() + x - columnFrom;
        return values[(((r * columns) + c) * frames + frame) * 2 + plane];
    }
}

package org.astrocloud.fits.tess;

/**
 * A box of FFI pixels around a centre: 0-based pixel coordinates in numpy order of the FFI image,
 * as astrocut uses them (column 0 is the FFI's first column, the cube's axis of 2136; row 0 its
 * first row, the axis of 2078), and a size in pixels.
 *
 * <p>The box always has exactly {@code width x height} pixels. Its first column is
 * {@code column - width / 2} (integer division) and its first row {@code row - height / 2}: for an
 * even size the centre is the second of the two middle pixels, which is what astrocut's limits
 * {@code round(c - w / 2) .. round(c + w / 2)} give for an integer centre; for an odd size it is
 * exactly the middle pixel (astrocut rounds half to even there, so its boxes of odd sizes can
 * come out a pixel wider or narrower).
 *
 * <pre>{@code
 * CutoutBox box = new CutoutBox(1045, 1001, 30, 30);   // centre at FFI column 1045, row 1001 (0-based)
 * box.columnStart();   // 1030
 * box.rowStart();      // 986
 * }</pre>
 *
 * @param column the centre's column, 0-based
 * @param row the centre's row, 0-based
 * @param width columns, at least 1
 * @param height rows, at least 1
 */
public record CutoutBox(int column, int row, int width, int height) {
    /** Checks the size. */
    public CutoutBox {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a cutout needs at least 1 x 1 pixels, not " + width + " x " + height);
        }
    }

    /** The box's first column, 0-based (may be negative or past the image: see {@link TessCutout}). */
    public int columnStart() {
        return column - width / 2;
    }

    /** The box's first row, 0-based. */
    public int rowStart() {
        return row - height / 2;
    }

    @Override
    public String toString() {
        return width + "x" + height + " at column " + column + ", row " + row + " (0-based)";
    }
}

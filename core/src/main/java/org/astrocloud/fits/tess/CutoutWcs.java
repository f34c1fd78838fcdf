package org.astrocloud.fits.tess;

import java.util.Optional;

/**
 * The linear celestial WCS of a cutout: the gnomonic (TAN) part of one FFI's WCS, taken from the
 * cube's frame table, with its reference pixel moved to the cutout's origin. SIP distortion terms
 * are left out, as in the linear WCS that TESScut writes, so positions far from the reference
 * pixel are off by the distortion (up to a few arcseconds near a CCD's edge).
 *
 * @param crpix1 the reference pixel's column in the cutout, 1-based
 * @param crpix2 the reference pixel's row in the cutout, 1-based
 * @param crval1 right ascension at the reference pixel, degrees
 * @param crval2 declination at the reference pixel, degrees
 * @param cd the CD matrix, row-major (CD1_1, CD1_2, CD2_1, CD2_2), degrees per pixel
 * @param row the frame table row it was taken from, 0-based
 * @param ffiFile that row's FFI_FILE
 */
record CutoutWcs(double crpix1, double crpix2, double crval1, double crval2, double[] cd, int row, String ffiFile) {

    /**
     * The WCS of the frame astrocut would take: the middle row ({@code rows / 2}) if its CTYPE2
     * names a TAN projection of declination and its values are finite, else the next such row,
     * wrapping around; empty when no row has one. Shifted for a cutout whose first pixel is the
     * FFI's 0-based column {@code column0} and row {@code row0}.
     */
    static Optional<CutoutWcs> of(FrameTable table, int column0, int row0) {
        int n = table.rows();
        for (int k = 0; k < n; k++) {
            int row = (n / 2 + k) % n;
            Optional<CutoutWcs> wcs = at(table, row, column0, row0);
            if (wcs.isPresent()) {
                return wcs;
            }
        }
        return Optional.empty();
    }

    private static Optional<CutoutWcs> at(FrameTable t, int row, int column0, int row0) {
        if (!t.text("CTYPE2", row).startsWith("DEC--TAN") || !t.text("CTYPE1", row).startsWith("RA---TAN")) {
            return Optional.empty();
        }
        double[] cd = {t.number("CD1_1", row), t.number("CD1_2", row), t.number("CD2_1", row), t.number("CD2_2", row)};
        if (!finite(cd)) {
            // PCi_j with CDELTi (default 1, PC default the unit matrix)
            double d1 = orDefault(t.number("CDELT1", row), 1);
            double d2 = orDefault(t.number("CDELT2", row), 1);
            cd = new double[] {d1 * orDefault(t.number("PC1_1", row), 1), d1 * orDefault(t.number("PC1_2", row), 0),
                    d2 * orDefault(t.number("PC2_1", row), 0), d2 * orDefault(t.number("PC2_2", row), 1)};
            if (!t.has("CDELT1") && !t.has("PC1_1")) {
                return Optional.empty();
            }
        }
        double[] ref = {t.number("CRPIX1", row), t.number("CRPIX2", row), t.number("CRVAL1", row), t.number("CRVAL2", row)};
        if (!finite(ref) || !finite(cd) || cd[0] * cd[3] - cd[1] * cd[2] == 0) {
            return Optional.empty();
        }
        return Optional.of(new CutoutWcs(ref[0] - column0, ref[1] - row0, ref[2], ref[3], cd, row, t.text("FFI_FILE", row)));
    }

    private static double orDefault(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Right ascension and declination (degrees) of the cutout's pixel at 0-based {@code column},
     * {@code row}: FITS WCS paper II's gnomonic projection, native pole at LONPOLE 180.
     */
    double[] world(double column, double row) {
        double dx = column + 1 - crpix1;
        double dy = row + 1 - crpix2;
        double x = cd[0] * dx + cd[1] * dy;
        double y = cd[2] * dx + cd[3] * dy;
        double r = Math.hypot(x, y);
        double phi = r == 0 ? 0 : Math.atan2(x, -y);
        double theta = Math.atan2(180 / Math.PI, r);
        double d0 = Math.toRadians(crval2);
        double dphi = phi - Math.PI;   // phi - LONPOLE
        double ra = crval1 + Math.toDegrees(Math.atan2(-Math.cos(theta) * Math.sin(dphi),
                Math.sin(theta) * Math.cos(d0) - Math.cos(theta) * Math.sin(d0) * Math.cos(dphi)));
        double dec = Math.toDegrees(Math.asin(Math.sin(theta) * Math.sin(d0) + Math.cos(theta) * Math.cos(d0) * Math.cos(dphi)));
        return new double[] {((ra % 360) + 360) % 360, dec};
    }
}

package org.astrocloud.fits.tess;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;

/**
 * Writes a cutout as a target-pixel file laid out as TESScut's: a primary header from the cube's,
 * a PIXELS table of one row per frame (TIME, TIMECORR, CADENCENO, RAW_CNTS, FLUX, FLUX_ERR,
 * FLUX_BKG, FLUX_BKG_ERR, QUALITY, POS_CORR1, POS_CORR2, FFI_FILE) and an APERTURE image. Pure
 * computation on bytes in memory.
 */
final class TpfWriter {
    /** The creator written into the primary header. */
    static final String CREATOR = "astro-cloud";
    /** The version written as PROCVER. */
    static final String VERSION = "0.1.0";

    private static final Set<String> NOT_COPIED = Set.of("SIMPLE", "BITPIX", "NAXIS", "EXTEND", "NEXTEND", "CHECKSUM",
            "DATASUM", "COMMENT", "HISTORY", "", "END");
    private static final Set<String> NOT_INHERITED = Set.of("SIMPLE", "BITPIX", "EXTEND", "NEXTEND", "COMMENT",
            "HISTORY", "", "NAXIS");
    /** The FFI keywords TESScut copies from the reference frame into the PIXELS header. */
    private static final List<String> FRAME_KEYWORDS = List.of("BACKAPP", "CDPP0_5", "CDPP1_0", "CDPP2_0", "CROWDSAP",
            "DEADAPP", "DEADC", "EXPOSURE", "FLFRCSAP", "FRAMETIM", "FXDOFF", "GAINA", "GAINB", "GAINC", "GAIND",
            "INT_TIME", "LIVETIME", "MEANBLCA", "MEANBLCB", "MEANBLCC", "MEANBLCD", "NREADOUT", "NUM_FRM", "READNOIA",
            "READNOIB", "READNOIC", "READNOID", "READTIME", "TIERRELA", "TIMEDEL", "TIMEPIXR", "TMOFST11", "VIGNAPP");
    private static final Set<String> INTEGERS = Set.of("FXDOFF", "MEANBLCA", "MEANBLCB", "MEANBLCC", "MEANBLCD",
            "NREADOUT", "NUM_FRM");

    private final CutoutPixels pixels;
    private final FrameTable table;
    private final FitsHeader tableHeader;
    private final Optional<CutoutWcs> wcs;
    private final int ffiFileWidth;

    TpfWriter(CutoutPixels pixels, FrameTable table, FitsHeader tableHeader, Optional<CutoutWcs> wcs) {
        this.pixels = pixels;
        this.table = table;
        this.tableHeader = tableHeader;
        this.wcs = wcs;
        int width = table.textWidth("FFI_FILE");
        this.ffiFileWidth = width > 0 ? width : 38;
    }

    /** The whole file. */
    byte[] write(FitsHeader cubePrimary) {
        HeaderCards primary = primary(cubePrimary);
        int frames = table.rows();
        int n = pixels.width() * pixels.height();
        long rowBytes = 8 + 4 + 4 + 5L * 4 * n + 4 + 4 + 4 + ffiFileWidth;
        HeaderCards pixelsHeader = pixelsHeader(rowBytes, frames, primary);
        HeaderCards aperture = apertureHeader(primary);
        byte[] h0 = primary.bytes();
        byte[] h1 = pixelsHeader.bytes();
        byte[] h2 = aperture.bytes();
        long size = h0.length + (long) h1.length + HeaderCards.padded(rowBytes * frames) + h2.length
                + HeaderCards.padded(4L * n);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the target-pixel file would be " + size
                    + " bytes, more than one array holds: ask for fewer pixels");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(h0).put(h1);
        rows(out, frames);
        out.position((int) (h0.length + h1.length + HeaderCards.padded(rowBytes * frames)));
        out.put(h2);
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                out.putInt(pixels.inside(y, x) ? 1 : 0);
            }
        }
        return out.array();
    }

    private void rows(ByteBuffer out, int frames) {
        int w = pixels.width();
        int h = pixels.height();
        byte[] name = new byte[ffiFileWidth];
        for (int f = 0; f < frames; f++) {
            out.putDouble((table.number("TSTART", f) + table.number("TSTOP", f)) / 2);
            out.putFloat(table.has("BARYCORR") ? (float) table.number("BARYCORR", f) : 0f);
            out.putInt(0);                                   // CADENCENO: the cube has none (TESScut writes 0)
            for (int i = 0; i < w * h; i++) {
                out.putInt(-1);                              // RAW_CNTS: not in the cube (TNULL -1)
            }
            for (int plane = 0; plane < 2; plane++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out.putFloat(pixels.value(y, x, f, plane));
                    }
                }
            }
            out.position(out.position() + 2 * 4 * w * h);    // FLUX_BKG, FLUX_BKG_ERR: zeros
            double quality = table.number("DQUALITY", f);
            out.putInt(Double.isNaN(quality) ? 0 : (int) quality);
            out.putFloat(0f).putFloat(0f);                   // POS_CORR1, POS_CORR2
            java.util.Arrays.fill(name, (byte) 0);
            byte[] text = table.text("FFI_FILE", f).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, name, 0, Math.min(text.length, name.length));
            out.put(name);
        }
    }

    private HeaderCards primary(FitsHeader cube) {
        HeaderCards c = new HeaderCards()
                .set("SIMPLE", true, "conforms to FITS standard")
                .set("BITPIX", 8, "array data type")
                .set("NAXIS", 0, "number of array dimensions")
                .set("EXTEND", true, "file contains extensions")
                .set("NEXTEND", 2, "number of standard extensions");
        for (FitsCard card : cube.cards()) {
            if (!NOT_COPIED.contains(card.keyword()) && !card.keyword().startsWith("NAXIS")) {
                c.set(card);
            }
        }
        c.set("CREATOR", CREATOR, "software used to produce this file")
                .set("PROCVER", VERSION, "software version")
                .set("FFI_TYPE", "SPOC", "the FFI type used to make the cutout");
        double[] centre = wcs.map(w -> w.world(pixels.centreColumn(), pixels.centreRow()))
                .orElse(new double[] {Double.NaN, Double.NaN});
        c.set("RA_OBJ", centre[0], "[deg] right ascension of the cutout's centre")
                .set("DEC_OBJ", centre[1], "[deg] declination of the cutout's centre")
                .set("TIMEREF", "SOLARSYSTEM", "barycentric correction applied to times")
                .set("TASSIGN", "SPACECRAFT", "where time is assigned")
                .set("TIMESYS", "TDB", "time system is Barycentric Dynamical Time (TDB)")
                .set("BJDREFI", 2457000, "integer part of BTJD reference date")
                .set("BJDREFF", 0.0, "fraction of the day in BTJD reference date")
                .set("TIMEUNIT", "d", "time unit for TIME, TSTART and TSTOP");
        double start = cube.doubleValue("TSTART").orElse(Double.NaN);
        double stop = cube.doubleValue("TSTOP").orElse(Double.NaN);
        c.set("TELAPSE", stop - start, "[d] TSTOP - TSTART")
                .set("OBJECT", "", "string version of target id")
                .set("TCID", 0, "unique tess target identifier")
                .set("PXTABLE", 0, "pixel table id")
                .set("PMRA", 0.0, "[mas/yr] RA proper motion")
                .set("PMDEC", 0.0, "[mas/yr] Dec proper motion")
                .set("PMTOTAL", 0.0, "[mas/yr] total proper motion")
                .set("TESSMAG", 0.0, "[mag] TESS magnitude")
                .set("TEFF", 0.0, "[K] effective temperature")
                .set("LOGG", 0.0, "[cm/s2] log10 surface gravity")
                .set("MH", 0.0, "[log10([M/H])] metallicity")
                .set("RADIUS", 0.0, "[solar radii] stellar radius")
                .set("TICVER", 0, "TIC version")
                .set("TICID", null, "unique tess target identifier");
        return c;
    }

    private HeaderCards pixelsHeader(long rowBytes, int frames, HeaderCards primary) {
        int n = pixels.width() * pixels.height();
        String dim = "(" + pixels.width() + "," + pixels.height() + ")";
        HeaderCards c = new HeaderCards()
                .set("XTENSION", "BINTABLE", "binary table extension")
                .set("BITPIX", 8, "array data type")
                .set("NAXIS", 2, "number of array dimensions")
                .set("NAXIS1", rowBytes, "length of dimension 1")
                .set("NAXIS2", frames, "length of dimension 2")
                .set("PCOUNT", 0, "number of group parameters")
                .set("GCOUNT", 1, "number of groups")
                .set("TFIELDS", 12, "number of table fields");
        column(c, 1, "TIME", "D", "BJD - 2457000, days", "D14.7");
        column(c, 2, "TIMECORR", "E", "d", "E14.7");
        column(c, 3, "CADENCENO", "J", null, "I10");
        column(c, 4, "RAW_CNTS", n + "J", "count", "I8");
        c.set("TNULL4", -1, "null value");
        c.set("TDIM4", dim, "multi-dimensional array spec");
        columnWcs(c, 4);
        String[] arrays = {"FLUX", "FLUX_ERR", "FLUX_BKG", "FLUX_BKG_ERR"};
        for (int i = 0; i < arrays.length; i++) {
            column(c, 5 + i, arrays[i], n + "E", "e-/s", "E14.7");
            c.set("TDIM" + (5 + i), dim, "multi-dimensional array spec");
            columnWcs(c, 5 + i);
        }
        column(c, 9, "QUALITY", "J", null, "B16.16");
        column(c, 10, "POS_CORR1", "E", "pixel", "E14.7");
        column(c, 11, "POS_CORR2", "E", "pixel", "E14.7");
        column(c, 12, "FFI_FILE", ffiFileWidth + "A", null, null);
        c.set("EXTNAME", "PIXELS", "name of extension").set("INHERIT", true, "inherit the primary header");
        int row = wcs.map(CutoutWcs::row).orElse(table.rows() / 2);
        for (String keyword : FRAME_KEYWORDS) {
            double v = table.number(keyword, row);
            Object value = Double.isNaN(v) ? null : INTEGERS.contains(keyword) ? (Object) Math.round(v) : (Object) v;
            // the cube's table header holds each FFI keyword's comment as that keyword's value
            c.set(keyword, value, tableHeader.stringValue(keyword).filter(s -> !s.isBlank()).orElse(null));
        }
        c.set("WCS_FFI", wcs.map(CutoutWcs::ffiFile).orElse(""), "FFI used for the cutout WCS");
        inherit(c, primary);
        return c;
    }

    private static void column(HeaderCards c, int n, String name, String form, String unit, String disp) {
        c.set("TTYPE" + n, name, "column name").set("TFORM" + n, form, "column format");
        if (unit != null) {
            c.set("TUNIT" + n, unit, "unit");
        }
        if (disp != null) {
            c.set("TDISP" + n, disp, "display format");
        }
    }

    /** The celestial WCS of array column {@code n} and its physical WCS (CCD column and row), as TPFs give them. */
    private void columnWcs(HeaderCards c, int n) {
        if (wcs.isPresent()) {
            CutoutWcs w = wcs.get();
            c.set("WCAX" + n, 2, "number of WCS axes")
                    .set("1CTYP" + n, "RA---TAN", "right ascension coordinate type")
                    .set("2CTYP" + n, "DEC--TAN", "declination coordinate type")
                    .set("1CRPX" + n, w.crpix1(), "[pixel] reference pixel along image axis 1")
                    .set("2CRPX" + n, w.crpix2(), "[pixel] reference pixel along image axis 2")
                    .set("1CRVL" + n, w.crval1(), "[deg] right ascension at reference pixel")
                    .set("2CRVL" + n, w.crval2(), "[deg] declination at reference pixel")
                    .set("1CUNI" + n, "deg", "physical unit in column dimension")
                    .set("2CUNI" + n, "deg", "physical unit in row dimension")
                    .set("1CDLT" + n, 1.0, "[deg] pixel scale in RA dimension")
                    .set("2CDLT" + n, 1.0, "[deg] pixel scale in DEC dimension")
                    .set("11PC" + n, w.cd()[0], "coordinate transformation matrix element")
                    .set("12PC" + n, w.cd()[1], "coordinate transformation matrix element")
                    .set("21PC" + n, w.cd()[2], "coordinate transformation matrix element")
                    .set("22PC" + n, w.cd()[3], "coordinate transformation matrix element");
        }
        c.set("WCSN" + n + "P", "PHYSICAL", "table column WCS name")
                .set("WCAX" + n + "P", 2, "table column physical WCS dimensions")
                .set("1CTY" + n + "P", "RAWX", "table column physical WCS axis 1 type, CCD col")
                .set("2CTY" + n + "P", "RAWY", "table column physical WCS axis 2 type, CCD row")
                .set("1CUN" + n + "P", "PIXEL", "table column physical WCS axis 1 unit")
                .set("2CUN" + n + "P", "PIXEL", "table column physical WCS axis 2 unit")
                .set("1CRV" + n + "P", pixels.columnStart() + 1, "table column physical WCS ax 1 ref value")
                .set("2CRV" + n + "P", pixels.rowStart() + 1, "table column physical WCS ax 2 ref value")
                .set("1CDL" + n + "P", 1.0, "table column physical WCS a1 step")
                .set("2CDL" + n + "P", 1.0, "table column physical WCS a2 step")
                .set("1CRP" + n + "P", 1, "table column physical WCS a1 reference")
                .set("2CRP" + n + "P", 1, "table column physical WCS a2 reference");
    }

    private HeaderCards apertureHeader(HeaderCards primary) {
        HeaderCards c = new HeaderCards()
                .set("XTENSION", "IMAGE", "image extension")
                .set("BITPIX", 32, "array data type")
                .set("NAXIS", 2, "number of array dimensions")
                .set("NAXIS1", pixels.width(), "columns")
                .set("NAXIS2", pixels.height(), "rows")
                .set("PCOUNT", 0, "number of parameters")
                .set("GCOUNT", 1, "number of groups")
                .set("EXTNAME", "APERTURE", "name of extension");
        if (wcs.isPresent()) {
            CutoutWcs w = wcs.get();
            c.set("WCSAXES", 2, "number of coordinate axes")
                    .set("CRPIX1", w.crpix1(), "pixel coordinate of reference point")
                    .set("CRPIX2", w.crpix2(), "pixel coordinate of reference point")
                    .set("PC1_1", w.cd()[0], "coordinate transformation matrix element")
                    .set("PC1_2", w.cd()[1], "coordinate transformation matrix element")
                    .set("PC2_1", w.cd()[2], "coordinate transformation matrix element")
                    .set("PC2_2", w.cd()[3], "coordinate transformation matrix element")
                    .set("CDELT1", 1.0, "[deg] coordinate increment at reference point")
                    .set("CDELT2", 1.0, "[deg] coordinate increment at reference point")
                    .set("CUNIT1", "deg", "units of coordinate increment and value")
                    .set("CUNIT2", "deg", "units of coordinate increment and value")
                    .set("CTYPE1", "RA---TAN", "right ascension, gnomonic projection")
                    .set("CTYPE2", "DEC--TAN", "declination, gnomonic projection")
                    .set("CRVAL1", w.crval1(), "[deg] coordinate value at reference point")
                    .set("CRVAL2", w.crval2(), "[deg] coordinate value at reference point")
                    .set("LONPOLE", 180.0, "[deg] native longitude of celestial pole");
        }
        c.set("WCSNAMEP", "PHYSICAL", "name of world coordinate system alternate P")
                .set("WCSAXESP", 2, "number of WCS physical axes")
                .set("CTYPE1P", "RAWX", "physical WCS axis 1 type (CCD column)")
                .set("CUNIT1P", "PIXEL", "physical WCS axis 1 unit")
                .set("CRPIX1P", 1, "reference CCD column")
                .set("CRVAL1P", pixels.columnStart() + 1, "value at reference CCD column")
                .set("CDELT1P", 1.0, "physical WCS axis 1 step")
                .set("CTYPE2P", "RAWY", "physical WCS axis 2 type (CCD row)")
                .set("CUNIT2P", "PIXEL", "physical WCS axis 2 unit")
                .set("CRPIX2P", 1, "reference CCD row")
                .set("CRVAL2P", pixels.rowStart() + 1, "value at reference CCD row")
                .set("CDELT2P", 1.0, "physical WCS axis 2 step")
                .set("NPIXMISS", null, "number of op. aperture pixels not collected")
                .set("NPIXSAP", null, "number of pixels in optimal aperture")
                .set("INHERIT", true, "inherit the primary header");
        inherit(c, primary);
        return c;
    }

    /** What INHERIT = T means to TESScut's files: the primary's keywords copied in where absent. */
    private static void inherit(HeaderCards c, HeaderCards primary) {
        for (FitsCard card : primary.cards()) {
            if (!NOT_INHERITED.contains(card.keyword())) {
                c.setIfAbsent(card);
            }
        }
    }
}

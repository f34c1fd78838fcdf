package org.astrocloud.fits.fuzz;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.comment;
import static org.astrocloud.fits.testkit.FitsBytes.fixed;
import static org.astrocloud.fits.testkit.FitsBytes.str;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.astrocloud.fits.testkit.FitsBytes;

/**
 * The HDUs and files of the fuzz seed corpus, written here from the FITS standard: a TESS-like
 * light-curve file (a primary HDU without data, a BINTABLE, an IMAGE aperture), an FFI-like float
 * image with a two-block header and a table with a heap. Card values are made up; the layout
 * (which keywords, long strings, HIERARCH, commentary cards) follows TESS products.
 */
final class SeedFiles {
    private SeedFiles() {
    }

    /** The primary HDU: NAXIS = 0, TESS-like cards, a long string, a HIERARCH and commentary cards. */
    static SeedHdu primary() {
        return hdu(0, card("SIMPLE", true, "conforms to FITS standards"), card("BITPIX", 8, "array data type"),
                card("NAXIS", 0, "number of array dimensions"), card("EXTEND", true, "file contains extensions"),
                card("NEXTEND", 2, "number of standard extensions"), card("EXTNAME", str("PRIMARY"), "name of extension"),
                card("ORIGIN", str("astro-cloud seeds"), "who wrote this file"),
                card("DATE", str("2026-12-03"), "file creation date."),
                card("TSTART", "1411.371234567890", "observation start time in BTJD"),
                card("TSTOP", "1437.989876543210", "observation stop time in BTJD"),
                card("OBJECT", str("TIC 100000001"), "string version of target id"),
                card("TICID", 100000001, "unique tess target identifier"), card("SECTOR", 22, "Observing sector"),
                card("CAMERA", 3, "Camera number"), card("CCD", 4, "CCD chip number"),
                card("RA_OBJ", "84.2900000000000000", "[deg] right ascension"),
                card("DEC_OBJ", "-80.4600000000000000", "[deg] declination"),
                card("TESSMAG", "5.10000000", "[mag] TESS magnitude"), card("TEFF", "5990.00000000", "[K] Effective temperature"),
                fixed("PROCVER = 'spoc-9.9.99-&'           / software version"), fixed("CONTINUE  '20261203'"),
                fixed("HIERARCH ESO DET CHIP ID = 'ccd-4'"), card("CPLXVAL", "(1.5, -2.0)", "a complex value"),
                fixed(""), comment("written for the fuzz seed corpus"), fixed("HISTORY made up, not observed"),
                card("CHECKSUM", str("0000000000000000"), "not computed"));
    }

    /** A LIGHTCURVE BINTABLE: 4 columns, 20-byte rows, 50 rows. */
    static SeedHdu lightCurve() {
        return hdu(20 * 50, card("XTENSION", str("BINTABLE"), "marks the beginning of a new HDU"), card("BITPIX", 8),
                card("NAXIS", 2), card("NAXIS1", 20, "length of first array dimension"), card("NAXIS2", 50),
                card("PCOUNT", 0), card("GCOUNT", 1), card("TFIELDS", 4, "number of table fields"),
                card("TTYPE1", str("TIME")), card("TFORM1", str("D")), card("TUNIT1", str("BJD - 2457000, days")),
                card("TTYPE2", str("SAP_FLUX")), card("TFORM2", str("E")), card("TUNIT2", str("e-/s")),
                card("TTYPE3", str("FLUX_ERR")), card("TFORM3", str("E")), card("TTYPE4", str("QUALITY")),
                card("TFORM4", str("J")), card("INHERIT", true), card("EXTNAME", str("LIGHTCURVE")),
                card("EXPOSURE", "22.083000000000", "[d] time on source"), card("TIMEDEL", "0.00138888888888889"));
    }

    /** An APERTURE IMAGE: int32, 11 x 21, with WCS cards. */
    static SeedHdu aperture() {
        return hdu(4 * 11 * 21, card("XTENSION", str("IMAGE"), "marks the beginning of a new HDU"), card("BITPIX", 32),
                card("NAXIS", 2), card("NAXIS1", 11), card("NAXIS2", 21), card("PCOUNT", 0), card("GCOUNT", 1),
                card("EXTNAME", str("APERTURE")), card("CTYPE1", str("RA---TAN")), card("CTYPE2", str("DEC--TAN")),
                card("CRVAL1", "84.2900000000"), card("CRVAL2", "-80.4600000000"), card("CRPIX1", "6.0"),
                card("CRPIX2", "11.0"), card("CDELT1", "-0.005800000000"), card("CDELT2", "0.005800000000"),
                card("NPIXSAP", 12, "Number of pixels in optimal aperture"));
    }

    /** An FFI-like float image, 16 x 12, whose header of 40 cards takes two blocks. */
    static SeedHdu ffi() {
        List<String> cards = new ArrayList<>(List.of(card("XTENSION", str("IMAGE")), card("BITPIX", -32),
                card("NAXIS", 2), card("NAXIS1", 16), card("NAXIS2", 12), card("PCOUNT", 0), card("GCOUNT", 1),
                card("EXTNAME", str("CAMERA.CCD 3.4 cal")), card("BUNIT", str("electrons/s"))));
        for (int i = 1; i <= 31; i++) {
            cards.add(card(String.format(Locale.ROOT, "A_%d_%d", i / 6, i % 6), i * 1.0e-7 + "", "SIP coefficient"));
        }
        return hdu(4 * 16 * 12, cards.toArray(String[]::new));
    }

    /** A BINTABLE with a heap: 10 rows of one variable-length array descriptor, 40 heap bytes. */
    static SeedHdu heapTable() {
        return hdu(8 * 10 + 40, card("XTENSION", str("BINTABLE")), card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", 8), card("NAXIS2", 10), card("PCOUNT", 40, "size of the heap"), card("GCOUNT", 1),
                card("TFIELDS", 1), card("TTYPE1", str("FLUXES")), card("TFORM1", str("1PJ(1)")),
                card("EXTNAME", str("HEAP")));
    }

    /** Every HDU above, in the order the prefix fuzz tests stack them. */
    static List<SeedHdu> sequence() {
        return Sequence.HDUS;
    }

    /** The first {@code k} HDUs of {@link #sequence()}, one after the other. */
    static byte[] prefix(int k) {
        return Sequence.PREFIXES.get(k).clone();
    }

    /** The HDUs of the prefix fuzz tests and their prefixes, built once. */
    private static final class Sequence {
        static final List<SeedHdu> HDUS = List.of(primary(), lightCurve(), aperture(), ffi(), heapTable());
        static final List<byte[]> PREFIXES = prefixes();

        private static List<byte[]> prefixes() {
            List<byte[]> p = new ArrayList<>();
            for (int k = 0; k <= HDUS.size(); k++) {
                p.add(FitsBytes.concat(HDUS.subList(0, k).stream().map(SeedHdu::bytes).toArray(byte[][]::new)));
            }
            return List.copyOf(p);
        }
    }

    /** The light-curve file: primary, LIGHTCURVE, APERTURE. */
    static byte[] lightCurveFile() {
        return prefix(3);
    }

    /** The FFI-like file: primary, the float image, the heap table. */
    static byte[] ffiFile() {
        return FitsBytes.concat(primary().bytes(), ffi().bytes(), heapTable().bytes());
    }

    /** Raw FITS objects the walk seeds are made of, by name. */
    static Map<String, byte[]> objects() {
        byte[] lc = lightCurveFile();
        Map<String, byte[]> o = new LinkedHashMap<>();
        o.put("lc", lc);
        o.put("ffi", ffiFile());
        o.put("primary-only", primary().bytes());
        o.put("truncated-in-data", Arrays.copyOf(lc, lc.length - 100));
        o.put("truncated-in-header", Arrays.copyOf(lc, 2 * FitsBytes.BLOCK + 1000));
        o.put("no-end", FitsBytes.headerWithoutEnd(List.of(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0))));
        o.put("trailing-bytes", FitsBytes.concat(lc, "not an extension".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        o.put("huge-naxis", FitsBytes.concat(primary().bytes(), FitsBytes.header(card("XTENSION", str("IMAGE")),
                card("BITPIX", -64), card("NAXIS", 3), card("NAXIS1", 2136), card("NAXIS2", 2078),
                card("NAXIS3", 999999999), card("PCOUNT", 0), card("GCOUNT", 1))));
        return o;
    }

    /** Tails that the prefix fuzz tests put after whole HDUs: another HDU, broken ones, garbage. */
    static Map<String, byte[]> tails() {
        byte[] lc = lightCurve().bytes();
        Map<String, byte[]> t = new LinkedHashMap<>();
        t.put("extension", lc);
        t.put("truncated-extension", Arrays.copyOf(lc, 3000));
        t.put("bad-keyword", FitsBytes.header(card("XTENSION", str("IMAGE")), card("BITPIX", 16), card("NAXIS", 1),
                fixed("NAXIS1 =  not a number"), card("PCOUNT", 0), card("GCOUNT", 1)));
        t.put("overflowing-size", FitsBytes.header(card("XTENSION", str("BINTABLE")), card("BITPIX", 8), card("NAXIS", 2),
                card("NAXIS1", Long.MAX_VALUE / 2), card("NAXIS2", 4), card("PCOUNT", 0), card("GCOUNT", 1)));
        t.put("zero-block", new byte[FitsBytes.BLOCK]);
        return t;
    }

    /** The HDU of these cards (END and padding added) and a data unit of {@code dataSize} bytes. */
    private static SeedHdu hdu(long dataSize, String... cards) {
        List<String> keywords = new ArrayList<>();
        for (String c : cards) {
            if (c.startsWith("CONTINUE")) {
                continue;
            }
            keywords.add(c.startsWith("HIERARCH ")
                    ? c.substring(9, c.indexOf('=')).trim().replaceAll(" +", " ")
                    : c.substring(0, 8).trim());
        }
        return new SeedHdu(List.copyOf(keywords), FitsBytes.header(cards), dataSize);
    }
}

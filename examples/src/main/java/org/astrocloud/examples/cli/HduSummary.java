package org.astrocloud.examples.cli;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.HduKind;

/**
 * One row of {@code fits-scan info}, with the columns and rules of astropy's {@code fitsinfo}: Name
 * (EXTNAME, else PRIMARY for the primary HDU), Ver (EXTVER, else 1), Type (astropy's HDU class),
 * Cards (logical cards: a long string with its CONTINUE cards is one), Dimensions (image axes in
 * FITS order NAXIS1 first, ZNAXISn for a tile-compressed image, {@code NR x NC} for a table) and
 * Format (the element type from BITPIX or ZBITPIX, or the TFORMn of a table).
 */
record HduSummary(int index, String name, Object ver, String type, int cards, String dimensions, String format,
                  String extra) {

    /** The line layout of {@code fitsinfo}. */
    static final String TITLE = "No.    Name      Ver    Type      Cards   Dimensions   Format";

    static HduSummary of(FitsHeader h) {
        String name = h.card("EXTNAME").flatMap(FitsCard::value).map(HduSummary::python)
                .orElse(h.index() == 0 ? "PRIMARY" : h.kind() == HduKind.COMPRESSED_IMAGE ? "COMPRESSED_IMAGE" : "");
        Object ver = h.card("EXTVER").flatMap(FitsCard::value).map(v -> v instanceof Long l ? (Object) l : python(v))
                .orElse(1L);
        int cards = h.cards().size();
        return switch (h.kind()) {
            case BINTABLE, TABLE -> table(h, name, ver, cards);
            case COMPRESSED_IMAGE -> compressed(h, name, ver, cards);
            case RANDOM_GROUPS -> groups(h, name, ver, cards);
            default -> image(h, name, ver, cards);
        };
    }

    private static HduSummary image(FitsHeader h, String name, Object ver, int cards) {
        String type = h.index() == 0 ? (h.isConforming() ? "PrimaryHDU" : "NonstandardHDU")
                : h.kind() == HduKind.IMAGE ? "ImageHDU" : "NonstandardExtHDU";
        String format = h.naxis().isEmpty() || h.naxis().contains(0L) ? "" : dtype(h.bitpix()) + rescaled(h);
        return new HduSummary(h.index(), name, ver, type, cards, tuple(h.naxis()), format, "");
    }

    private static HduSummary table(FitsHeader h, String name, Object ver, int cards) {
        long rows = h.naxis().size() > 1 ? h.naxis().get(1) : 0;
        long columns = h.longValue("TFIELDS").orElse(0);
        String formats = LongStream.rangeClosed(1, columns)
                .mapToObj(i -> h.stringValue("TFORM" + i).orElse("")).collect(Collectors.joining(", ", "[", "]"));
        return new HduSummary(h.index(), name, ver, h.kind() == HduKind.TABLE ? "TableHDU" : "BinTableHDU", cards,
                rows + "R x " + columns + "C", formats, "");
    }

    private static HduSummary compressed(FitsHeader h, String name, Object ver, int cards) {
        long axes = h.longValue("ZNAXIS").orElse(0);
        List<Long> shape = LongStream.rangeClosed(1, axes).mapToObj(i -> h.longValue("ZNAXIS" + i).orElse(0)).toList();
        String format = h.longValue("ZBITPIX").stream().mapToObj(b -> dtype((int) b)).findFirst().orElse("");
        return new HduSummary(h.index(), name, ver, "CompImageHDU", cards, tuple(shape), format, "");
    }

    private static HduSummary groups(FitsHeader h, String name, Object ver, int cards) {
        List<Long> shape = h.naxis().subList(Math.min(1, h.naxis().size()), h.naxis().size());
        String format = shape.isEmpty() || shape.contains(0L) ? "" : dtype(h.bitpix());
        return new HduSummary(h.index(), name, ver, "GroupsHDU", cards, tuple(shape), format,
                h.gcount() + " Groups  " + h.pcount() + " Parameters");
    }

    /** numpy's name for the element type of {@code bitpix}. */
    static String dtype(int bitpix) {
        return switch (bitpix) {
            case 8 -> "uint8";
            case 16 -> "int16";
            case 32 -> "int32";
            case 64 -> "int64";
            case -32 -> "float32";
            case -64 -> "float64";
            default -> "BITPIX " + bitpix;
        };
    }

    /** What scaled integers become, as astropy says: unsigned for the offset convention, else floats. */
    private static String rescaled(FitsHeader h) {
        double scale = number(h, "BSCALE", 1);
        double zero = number(h, "BZERO", 0);
        int bitpix = h.bitpix();
        if (bitpix < 0 || (scale == 1 && zero == 0)) {
            return "";
        }
        String target;
        if (scale == 1 && bitpix == 8 && zero == -128) {
            target = "int8";
        } else if (scale == 1 && bitpix > 8 && zero == Math.pow(2, bitpix - 1)) {
            target = "uint" + bitpix;
        } else {
            target = bitpix > 16 ? "float64" : "float32";
        }
        return " (rescales to " + target + ")";
    }

    private static double number(FitsHeader h, String keyword, double otherwise) {
        OptionalDouble v = h.doubleValue(keyword);
        return v.isPresent() ? v.getAsDouble() : otherwise;
    }

    /** A tuple as Python prints it: {@code ()}, {@code (440,)}, {@code (440, 300)}. */
    static String tuple(List<Long> values) {
        if (values.size() == 1) {
            return "(" + values.get(0) + ",)";
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A value as Python's {@code str()} shows it. */
    private static String python(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** The row in {@code fitsinfo}'s layout. */
    String line() {
        String v = ver instanceof Long l ? String.format(Locale.ROOT, "%3d", l) : String.format(Locale.ROOT, "%-3s", ver);
        return String.format(Locale.ROOT, "%3d  %-10s  %s %-11s  %5d   %s   %s   %s", index, name, v, type, cards,
                dimensions, format, extra);
    }
}

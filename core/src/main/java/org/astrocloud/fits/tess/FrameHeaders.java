package org.astrocloud.fits.tess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.data.TableColumn;
import org.astrocloud.fits.data.TableData;

/**
 * The FFI extension-1 headers that the rows of a cube's frame table hold: one card per column but
 * {@code FFI_FILE}, in column order (astrocut's template order), its value the row's cell typed by
 * the column's TFORM, its comment the value of the table header's card of the same keyword (where
 * astrocut keeps the FFI's comments; the seven structural keywords XTENSION to GCOUNT have none
 * there, so their cards have none).
 *
 * <p>Cells become values as follows: {@code rA} a string (trailing blanks and NULs removed),
 * {@code J}, {@code I}, {@code K}, {@code B} an integer, {@code D} and {@code E} a real, {@code L}
 * a logical. A keyword in {@code logicals} stored as a number (astrocut stores a logical as 1.0/0.0
 * in {@code D}, or 1/0 in {@code J}) becomes {@code T} for 1 and {@code F} for 0. A real that is
 * NaN (astrocut's fill for a keyword the FFI lacks; a header cannot hold NaN) and an undefined
 * logical leave the card out. Array and variable-length columns are left out.
 *
 * <p>A comment that does not fit beside its value is cut at column 80, as SPOC cuts its comments.
 * Cards are rendered once per distinct value of a column, so a table whose columns mostly repeat
 * their values costs little more than its distinct cards. Not thread-safe: one sequence renders
 * the rows.
 */
final class FrameHeaders {
    static final String FFI_FILE = "FFI_FILE";
    private static final int CARD = 80;

    private final TableData table;
    private final List<Cell> cells = new ArrayList<>();
    private final String[] files;

    /**
     * @param table the frame table's rows, every column
     * @param tableHeader the frame table's header, whose cards hold the FFIs' comments
     * @param logicals the keywords to restore as logicals
     */
    FrameHeaders(TableData table, FitsHeader tableHeader, Set<String> logicals) {
        this.table = table;
        this.files = table.names().stream().anyMatch(n -> n.strip().equalsIgnoreCase(FFI_FILE))
                && table.column(FFI_FILE) instanceof String[] names ? names : null;
        for (TableColumn c : table.columns()) {
            String name = c.name().strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty() || name.equals(FFI_FILE) || c.format().contains("P") || c.format().contains("Q")) {
                continue;
            }
            Object values = table.column(c.number());
            if (!scalar(values)) {
                continue;
            }
            String comment = structural(name) ? null
                    : tableHeader.card(name).flatMap(FitsCard::stringValue).filter(s -> !s.isBlank()).orElse(null);
            cells.add(new Cell(name, values, comment, logicals.contains(name)));
        }
    }

    /** How many rows. */
    int rows() {
        return table.rows();
    }

    /** The FFI_FILE of row {@code row}, or empty when the table has no such column. */
    String ffiFile(int row) {
        return files == null ? "" : files[row].strip();
    }

    /** Row {@code row} as the header's bytes: its cards, END, blanks to whole blocks. */
    byte[] header(int row) {
        List<String> images = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            String card = cell.card(row);
            if (card != null) {
                images.add(card);
            }
        }
        return HeaderCards.bytes(images);
    }

    /** The keywords XTENSION..GCOUNT (and TFIELDS), whose cards in the table header are the table's own. */
    private static boolean structural(String name) {
        return Set.of("XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT", "GCOUNT", "TFIELDS").contains(name);
    }

    private static boolean scalar(Object values) {
        return values instanceof String[] || values instanceof int[] || values instanceof double[]
                || values instanceof short[] || values instanceof long[] || values instanceof float[]
                || values instanceof byte[] || values instanceof Boolean[];
    }

    /** One column: its values, the comment, and the card of the value rendered last. */
    private static final class Cell {
        private final String keyword;
        private final Object values;
        private final String comment;
        private final boolean logical;
        private Object lastValue;
        private String lastCard;

        Cell(String keyword, Object values, String comment, boolean logical) {
            this.keyword = keyword;
            this.values = values;
            this.comment = comment;
            this.logical = logical;
        }

        String card(int row) {
            Object value = value(row);
            if (value == null) {
                return null;
            }
            if (lastCard == null || !Objects.equals(value, lastValue)) {
                lastValue = value;
                lastCard = render(keyword, value, comment);
            }
            return lastCard;
        }

        private Object value(int row) {
            Object v = null;
            if (values instanceof String[] a) {
                v = a[row];
            } else if (values instanceof int[] a) {
                v = (long) a[row];
            } else if (values instanceof short[] a) {
                v = (long) a[row];
            } else if (values instanceof long[] a) {
                v = a[row];
            } else if (values instanceof byte[] a) {
                v = (long) (a[row] & 0xFF);
            } else if (values instanceof double[] a) {
                v = Double.isNaN(a[row]) ? null : a[row];
            } else if (values instanceof float[] a) {
                v = Float.isNaN(a[row]) ? null : (double) a[row];
            } else if (values instanceof Boolean[] a) {
                v = a[row];
            }
            if (logical && v instanceof Number n) {
                double d = n.doubleValue();
                return d == 1 ? Boolean.TRUE : d == 0 ? Boolean.FALSE : v;
            }
            return v instanceof Double d && Double.isInfinite(d) ? null : v;
        }
    }

    /**
     * The fixed-format card image; a comment that does not fit is cut to what does. A real is
     * written with the digits that read back as exactly the same double ({@link Double#toString}),
     * right-justified to column 30 when it fits there, else from column 11 (FitsCard.of would
     * shorten it to the fixed field).
     */
    static String render(String keyword, Object value, String comment) {
        FitsCard card = FitsCard.of(keyword, value, comment);
        boolean exact = !(value instanceof Double d) || card.doubleValue().orElse(Double.NaN) == d;
        if (exact && (comment == null || card.comment().isPresent() || card.physicalCards() > 1)) {
            return card.image();
        }
        String field = exact ? FitsCard.of(keyword, value, null).image().stripTrailing()
                : String.format(Locale.ROOT, "%-8s= %20s", keyword, value.toString().toUpperCase(Locale.ROOT));
        if (!exact && field.length() > CARD) {
            return card.image();
        }
        int room = CARD - field.length() - 3;
        String tail = comment == null || room <= 0 ? "" : " / " + comment.substring(0, Math.min(room, comment.length()));
        return String.format(Locale.ROOT, "%-80s", field + tail);
    }
}

package org.astrocloud.fits.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;

/** Reads a table header's column keywords ({@code TFIELDS}, {@code TTYPEn}, {@code TFORMn}, ...) into {@link TableColumn}s. */
final class TableColumns {
    private TableColumns() {
    }

    /** The columns of {@code header}, a binary table or, when {@code ascii}, an ASCII table. */
    static List<TableColumn> of(FitsHeader header, boolean ascii) {
        int fields = (int) header.longValue("TFIELDS").orElse(0);
        List<TableColumn> columns = new ArrayList<>(fields);
        long offset = 0;
        for (int i = 1; i <= fields; i++) {
            int n = i;
            String format = text(header, "TFORM" + n);
            if (format.isEmpty()) {
                throw new IllegalArgumentException("TFORM" + n + " is missing");
            }
            long width;
            long at;
            if (ascii) {
                at = header.longValue("TBCOL" + n).orElseThrow(
                        () -> new IllegalArgumentException("TBCOL" + n + " is missing")) - 1;
                width = asciiWidth(format);
            } else {
                at = offset;
                width = ColumnFormat.parse(format).width();
                offset += width;
            }
            String nullValue = header.card("TNULL" + n).map(TableColumns::valueText).orElse(null);
            String dim = header.card("TDIM" + n).map(TableColumns::valueText).orElse(null);
            columns.add(new TableColumn(n, text(header, "TTYPE" + n), format, text(header, "TUNIT" + n), at, width,
                    header.doubleValue("TSCAL" + n).orElse(1), header.doubleValue("TZERO" + n).orElse(0),
                    nullValue, dim));
        }
        return columns;
    }

    /** The width of an ASCII-table field: the w of {@code Aw}, {@code Iw}, {@code Fw.d}, {@code Ew.d}, {@code Dw.d}. */
    static long asciiWidth(String tform) {
        String f = tform.strip().toUpperCase(Locale.ROOT);
        int end = 1;
        while (end < f.length() && Character.isDigit(f.charAt(end))) {
            end++;
        }
        if (f.isEmpty() || "AIFED".indexOf(f.charAt(0)) < 0 || end == 1) {
            throw new IllegalArgumentException("not an ASCII-table TFORM: '" + tform + "'");
        }
        return Long.parseLong(f.substring(1, end));
    }

    private static String text(FitsHeader header, String keyword) {
        return header.stringValue(keyword).map(String::strip).orElse("");
    }

    private static String valueText(FitsCard card) {
        return card.stringValue().map(String::strip)
                .orElseGet(() -> card.value().map(Object::toString).orElse(""));
    }
}

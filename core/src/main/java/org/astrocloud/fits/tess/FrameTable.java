package org.astrocloud.fits.tess;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.astrocloud.fits.data.ColumnFormat;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.ElementType;
import org.astrocloud.fits.data.TableColumn;

/**
 * The rows of a cube's FFI-header table (HDU 2: one row per FFI, one column per keyword of the
 * FFIs' extension-1 headers), decoded from its bytes as the columns' TFORMs say. Only scalar
 * columns are read; a column that is missing, or not of the type asked for, reads as NaN, as no
 * value or as an empty string, never as an error.
 */
final class FrameTable {
    private final DataReference ref;
    private final ByteBuffer rows;

    FrameTable(DataReference ref, ByteBuffer rows) {
        this.ref = ref;
        this.rows = rows.duplicate().order(ByteOrder.BIG_ENDIAN);
        long need = ref.rows() * ref.rowLength();
        if (this.rows.remaining() < need) {
            throw new IllegalArgumentException("the frame table holds " + this.rows.remaining() + " bytes, its "
                    + ref.rows() + " rows need " + need);
        }
    }

    /** How many rows (frames) the table has. */
    int rows() {
        return (int) ref.rows();
    }

    /** True when the table has a column {@code name}. */
    boolean has(String name) {
        return ref.column(name).isPresent();
    }

    /** The number in column {@code name} of row {@code row} (TSCAL/TZERO applied); NaN when there is none. */
    double number(String name, int row) {
        Optional<TableColumn> column = ref.column(name);
        if (column.isEmpty()) {
            return Double.NaN;
        }
        TableColumn c = column.get();
        ElementType type;
        try {
            ColumnFormat f = ColumnFormat.parse(c.format());
            if (f.isVariableLength() || f.repeat() != 1) {
                return Double.NaN;
            }
            type = f.type();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
        int at = at(c, row);
        double stored = switch (type) {
            case FLOAT64 -> rows.getDouble(at);
            case FLOAT32 -> rows.getFloat(at);
            case INT32 -> rows.getInt(at);
            case INT16 -> rows.getShort(at);
            case INT64 -> rows.getLong(at);
            case UINT8 -> rows.get(at) & 0xFF;
            case LOGICAL -> rows.get(at) == 'T' ? 1 : rows.get(at) == 'F' ? 0 : Double.NaN;
            default -> Double.NaN;
        };
        return c.isScaled() ? c.zero() + c.scale() * stored : stored;
    }

    /** The text in character column {@code name} of row {@code row}, trailing blanks and NULs removed; empty when none. */
    String text(String name, int row) {
        Optional<TableColumn> column = ref.column(name);
        if (column.isEmpty() || !column.get().format().strip().toUpperCase(java.util.Locale.ROOT).endsWith("A")) {
            return "";
        }
        TableColumn c = column.get();
        byte[] bytes = new byte[(int) c.width()];
        rows.get(at(c, row), bytes);
        int end = 0;
        for (int i = 0; i < bytes.length && bytes[i] != 0; i++) {
            end = i + 1;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII).stripTrailing();
    }

    /** The width in characters of character column {@code name}, 0 when there is none. */
    int textWidth(String name) {
        return ref.column(name).filter(c -> c.format().strip().toUpperCase(java.util.Locale.ROOT).endsWith("A"))
                .map(c -> (int) c.width()).orElse(0);
    }

    private int at(TableColumn c, int row) {
        return (int) (row * ref.rowLength() + c.offset());
    }
}

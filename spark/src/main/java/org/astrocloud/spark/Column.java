package org.astrocloud.spark;

import java.util.Locale;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.data.DataReference;

/**
 * The columns of {@link FitsHeadersSchema}, each with how its value is made from one HDU (or from
 * a failed file, {@code hdu == null}). A reader asks only for the columns the query reads.
 */
enum Column {
    URI {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return file.uri();
        }
    },
    HDU {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.index();
        }
    },
    KIND {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : UTF8String.fromString(hdu.kind().name());
        }
    },
    XTENSION {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.xtension().map(UTF8String::fromString).orElse(null);
        }
    },
    EXTNAME {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.stringValue("EXTNAME").map(UTF8String::fromString).orElse(null);
        }
    },
    HEADER_OFFSET {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.headerOffset();
        }
    },
    HEADER_SIZE {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.headerSize();
        }
    },
    DATA_OFFSET {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.dataOffset();
        }
    },
    DATA_SIZE {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.dataSize();
        }
    },
    BITPIX {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : hdu.bitpix();
        }
    },
    NAXIS {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : new GenericArrayData(hdu.naxis().toArray());
        }
    },
    HEADER {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : rows.header(hdu);
        }
    },
    CARDS {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : rows.cards(hdu);
        }
    },
    DATA_REF {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? null : UTF8String.fromString(DataReference.of(hdu).toJson());
        }
    },
    SIZE {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return file.size();
        }
    },
    ETAG {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return file.etag();
        }
    },
    ERROR {
        @Override
        Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
            return hdu == null ? file.error() : null;
        }
    };

    /** The column's name in the schema. */
    String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The column of {@code name} (case-insensitive, as Spark resolves names by default). */
    static Column named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The value of this column, in Spark's internal representation, for {@code hdu} of {@code file} (null: its error row). */
    abstract Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows);
}

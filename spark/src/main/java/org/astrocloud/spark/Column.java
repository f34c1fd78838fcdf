package org.astrocloud.spark;

import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.data.DataReference;

/**
 * The columns of {@link FitsHeadersSchema}, each with how its value is made from one HDU (or from
 * a failed file, {@code hdu == null}). A reader asks only for the columns the query reads.
 */
enum Column {
    URI((file, hdu, rows) -> file.uri()),
    HDU(ofHdu(FitsHeader::index)),
    KIND(ofHdu(h -> UTF8String.fromString(h.kind().name()))),
    XTENSION(ofHdu(h -> h.xtension().map(UTF8String::fromString).orElse(null))),
    EXTNAME(ofHdu(h -> h.stringValue("EXTNAME").map(UTF8String::fromString).orElse(null))),
    HEADER_OFFSET(ofHdu(FitsHeader::headerOffset)),
    HEADER_SIZE(ofHdu(FitsHeader::headerSize)),
    DATA_OFFSET(ofHdu(FitsHeader::dataOffset)),
    DATA_SIZE(ofHdu(FitsHeader::dataSize)),
    BITPIX(ofHdu(FitsHeader::bitpix)),
    NAXIS(ofHdu(h -> new GenericArrayData(h.naxis().toArray()))),
    HEADER((file, hdu, rows) -> hdu == null ? null : rows.header(hdu)),
    CARDS((file, hdu, rows) -> hdu == null ? null : rows.cards(hdu)),
    DATA_REF(ofHdu(h -> UTF8String.fromString(DataReference.of(h).toJson()))),
    SIZE((file, hdu, rows) -> file.size()),
    ETAG((file, hdu, rows) -> file.etag()),
    ERROR((file, hdu, rows) -> hdu == null ? file.error() : null);

    /** How a column's value is made. */
    @FunctionalInterface
    private interface Value {
        Object of(RowBuilder.File file, FitsHeader hdu, RowBuilder rows);
    }

    private final Value value;

    Column(Value value) {
        this.value = value;
    }

    /** A value of the HDU alone: null on an error row. */
    private static Value ofHdu(Function<FitsHeader, Object> of) {
        return (file, hdu, rows) -> hdu == null ? null : of.apply(hdu);
    }

    /** The column of {@code name} (case-insensitive, as Spark resolves names by default). */
    static Column named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The value of this column, in Spark's internal representation, for {@code hdu} of {@code file} (null: its error row). */
    Object value(RowBuilder.File file, FitsHeader hdu, RowBuilder rows) {
        return value.of(file, hdu, rows);
    }
}

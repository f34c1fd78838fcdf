package org.astrocloud.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.Redaction;

/**
 * Makes the rows of one scanned file, with only the columns asked for. The {@code header} map and
 * the {@code cards} array, the costly columns, are built only when asked for, and every card
 * converted for them is counted ({@link #cardsBuilt()}, reported as the {@code cardsBuilt} metric).
 */
final class RowBuilder {
    private final Column[] columns;
    private long cardsBuilt;

    RowBuilder(List<Column> columns) {
        this.columns = columns.toArray(Column[]::new);
    }

    /** What a file's rows share; {@code size}, {@code etag} and {@code error} may be null. */
    record File(UTF8String uri, Long size, UTF8String etag, InternalRow error) {
    }

    /** The shared columns of {@code result}'s rows. */
    static File file(ScanResult result) {
        UTF8String etag = result.headers().stream().flatMap(h -> h.validator().stream()).findFirst()
                .map(UTF8String::fromString).orElse(null);
        Long size = result.size().isPresent() ? result.size().getAsLong() : null;
        InternalRow error = result.error().map(e -> error(e.getClass().getSimpleName(), e.getMessage())).orElse(null);
        return new File(UTF8String.fromString(Redaction.redact(result.uri())), size, etag, error);
    }

    /** The {@code error} struct. */
    static InternalRow error(String errorClass, String message) {
        return new GenericInternalRow(new Object[] {UTF8String.fromString(errorClass),
                message == null ? null : UTF8String.fromString(message)});
    }

    /** The row of {@code hdu} of {@code file}, or its error row when {@code hdu} is null. */
    InternalRow row(File file, FitsHeader hdu) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = columns[i].value(file, hdu, this);
        }
        return new GenericInternalRow(values);
    }

    /** Cards converted for {@code header} and {@code cards} so far. */
    long cardsBuilt() {
        return cardsBuilt;
    }

    Object header(FitsHeader hdu) {
        Map<String, UTF8String> map = new LinkedHashMap<>();
        for (FitsCard card : hdu.cards()) {
            cardsBuilt++;
            if (!card.isCommentary() && !card.keyword().isEmpty()) {
                map.putIfAbsent(card.keyword(), text(card));
            }
        }
        List<UTF8String> keys = new ArrayList<>(map.size());
        map.keySet().forEach(k -> keys.add(UTF8String.fromString(k)));
        return new ArrayBasedMapData(new GenericArrayData(keys.toArray()), new GenericArrayData(map.values().toArray()));
    }

    Object cards(FitsHeader hdu) {
        List<FitsCard> cards = hdu.cards();
        Object[] structs = new Object[cards.size()];
        for (int i = 0; i < structs.length; i++) {
            FitsCard card = cards.get(i);
            cardsBuilt++;
            structs[i] = new GenericInternalRow(new Object[] {UTF8String.fromString(card.keyword()), text(card),
                    card.comment().map(UTF8String::fromString).orElse(null)});
        }
        return new GenericArrayData(structs);
    }

    /** A card's value as text: strings as they are, logicals T or F, numbers as Java prints them; null if undefined. */
    static UTF8String text(FitsCard card) {
        Object v = card.value().orElse(null);
        if (v == null) {
            return null;
        }
        return UTF8String.fromString(v instanceof Boolean b ? (b ? "T" : "F") : v.toString());
    }
}

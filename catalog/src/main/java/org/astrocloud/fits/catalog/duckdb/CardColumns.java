package org.astrocloud.fits.catalog.duckdb;

import java.math.BigInteger;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.value.FitsComplex;
import org.astrocloud.fits.value.FitsComplexInteger;

/**
 * How one card's value lands in the {@code cards} table: its {@code value_type} and the one typed
 * column that holds it ({@code double_value} also holds integers, so that numeric filters need one
 * column).
 *
 * @param type {@code logical}, {@code integer}, {@code big_integer}, {@code real}, {@code string},
 *     {@code complex}, {@code complex_integer}, {@code text} (a card without a value) or
 *     {@code undefined} (an empty value field)
 */
record CardColumns(String type, String text, Long integer, Double real, Boolean logical) {

    static CardColumns of(FitsCard card) {
        if (card.text().isPresent()) {
            return new CardColumns("text", card.text().get(), null, null, null);
        }
        Object v = card.value().orElse(null);
        if (v == null) {
            return new CardColumns("undefined", null, null, null, null);
        }
        if (v instanceof Boolean b) {
            return new CardColumns("logical", null, null, null, b);
        }
        if (v instanceof Long l) {
            return new CardColumns("integer", null, l, l.doubleValue(), null);
        }
        if (v instanceof BigInteger b) {
            return new CardColumns("big_integer", b.toString(), null, b.doubleValue(), null);
        }
        if (v instanceof Number n) {
            return new CardColumns("real", null, null, n.doubleValue(), null);
        }
        if (v instanceof String s) {
            return new CardColumns("string", s, null, null, null);
        }
        if (v instanceof FitsComplexInteger c) {
            return new CardColumns("complex_integer", c.toString(), null, null, null);
        }
        if (v instanceof FitsComplex c) {
            return new CardColumns("complex", c.toString(), null, null, null);
        }
        return new CardColumns("string", String.valueOf(v), null, null, null);
    }
}

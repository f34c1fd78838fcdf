package org.astrocloud.fits.value;

import org.astrocloud.fits.FitsCard;
/**
 * A complex integer value of a header card (FITS 4.0, section 4.2.5), such as {@code (137, -1)}:
 * a real and an imaginary part, each an integer. {@link FitsCard#value()} holds one when both
 * parts are written as integers and each fits in a {@code long}; a complex value with a part
 * beyond 64 bits is read as a {@link FitsComplex}.
 *
 * <pre>{@code
 * FitsCard card = FitsCard.of("OFFSET", new FitsComplexInteger(137, -1), null);
 * card.value();          // Optional[(137, -1)]
 * card.complexValue();   // Optional[(137.0, -1.0)]
 * }</pre>
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record FitsComplexInteger(long re, long im) {
    /** The same value with {@code double} parts (exact up to 2<sup>53</sup>). */
    public FitsComplex toComplex() {
        return new FitsComplex(re, im);
    }

    /** The value as FITS writes it: {@code (re, im)}. */
    @Override
    public String toString() {
        return "(" + re + ", " + im + ")";
    }
}

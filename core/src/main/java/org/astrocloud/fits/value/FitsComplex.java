package org.astrocloud.fits.value;

import org.astrocloud.fits.FitsCard;
/**
 * A complex floating-point value of a header card (FITS 4.0, section 4.2.6), such as
 * {@code (123.23, -45.7)}: a real and an imaginary part, each a {@code double}.
 * {@link FitsCard#value()} holds one for a complex value whose parts are not both integers;
 * {@link FitsCard#complexValue()} also gives complex integers ({@link FitsComplexInteger}) in this form.
 *
 * <pre>{@code
 * FitsCard card = FitsCard.of("CPLX", new FitsComplex(1.5, -2.0), "a complex value");
 * card.complexValue();   // Optional[(1.5, -2.0)]
 * }</pre>
 *
 * @param re the real part, finite
 * @param im the imaginary part, finite
 */
public record FitsComplex(double re, double im) {
    /**
     * Checks that both parts are finite: FITS has no way to write anything else.
     *
     * @throws IllegalArgumentException if a part is infinite or NaN
     */
    public FitsComplex {
        if (!Double.isFinite(re) || !Double.isFinite(im)) {
            throw new IllegalArgumentException("a FITS complex value has finite parts, not (" + re + ", " + im + ")");
        }
    }

    /** The value as FITS writes it: {@code (re, im)}. */
    @Override
    public String toString() {
        return "(" + re + ", " + im + ")";
    }
}

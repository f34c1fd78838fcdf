package org.astrocloud.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real written by {@link FitsCard#of} reads back as the same double: its shortest decimal (Java's
 * {@code Double.toString}) fits the 20-column value field for every double, so no digit may be lost
 * (nom-tam-fits alone wrote {@code -0.0055644787426258} for {@code -0.00556447874262582}).
 */
class RealCardPrecisionTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.00556447874262582, 1.0 / 3, 123456789.123456789, 1e-20, -1.2345678901234567e300,
            0.1, 2458900.123456789, -4.25122281026580E-12, 1.16E-05, Double.MIN_VALUE, -Double.MAX_VALUE})
    void aRealReadsBackExactly(double value) {
        FitsCard card = FitsCard.of("X", value, "a comment");
        assertEquals(value, card.doubleValue().getAsDouble(), 0.0, card.image());
        assertEquals(80, card.image().length());
    }
}

package org.astrocloud.fits.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code Content-Range} values: the three forms, blanks and case, and every malformed form. */
class ContentRangeTest {

    @Test
    void rangeWithTotalShouldGiveItsNumbers() {
        ContentRange cr = ContentRange.parse("bytes 0-65535/44316717120").orElseThrow();
        assertEquals(new ContentRange(0, 65_535, 44_316_717_120L), cr);
        assertEquals(65_536, cr.length());
        assertEquals(OptionalLong.of(44_316_717_120L), cr.objectSize());
        assertFalse(cr.isUnsatisfied());
    }

    @Test
    void rangeWithUnknownTotalShouldHaveNoObjectSize() {
        ContentRange cr = ContentRange.parse("bytes 2880-5759/*").orElseThrow();
        assertEquals(new ContentRange(2880, 5759, -1), cr);
        assertEquals(2880, cr.length());
        assertEquals(OptionalLong.empty(), cr.objectSize());
        assertFalse(cr.isUnsatisfied());
    }

    @Test
    void unsatisfiedRangeShouldHoldNoBytesAndTheSize() {
        ContentRange cr = ContentRange.parse("bytes */11520").orElseThrow();
        assertTrue(cr.isUnsatisfied());
        assertEquals(0, cr.length());
        assertEquals(OptionalLong.of(11_520), cr.objectSize());
    }

    @Test
    void oneByteRangeShouldHaveLengthOne() {
        // the last byte of a 10-byte object
        ContentRange cr = ContentRange.parse("bytes 9-9/10").orElseThrow();
        assertEquals(1, cr.length());
        assertEquals(OptionalLong.of(10), cr.objectSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BYTES 100-199/1000", "Bytes 100-199/1000", "  bytes 100-199/1000  ",
        "bytes   100-199/1000", "bytes 100 - 199 / 1000", "\tbytes 100-199/1000\t"})
    void caseAndBlanksShouldNotMatter(String value) {
        assertEquals(Optional.of(new ContentRange(100, 199, 1000)), ContentRange.parse(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "bytes",                              // the unit alone
        "bytes ",                             // nothing after the unit
        "bytes 0-99",                         // no slash
        "bytes 0-99 100",                     // no slash
        "items 0-99/100",                     // another unit
        "bytes=0-99/100",                     // the Range request syntax, not Content-Range
        "0-99/100",                           // no unit
        "bytes -5-99/100",                    // negative first
        "bytes 5--1/100",                     // negative last
        "bytes -99/100",                      // a suffix, which only requests may have
        "bytes 99-5/100",                     // last before first
        "bytes 0-100/100",                    // last at the total
        "bytes 0-200/100",                    // last beyond the total
        "bytes 0-99/-5",                      // negative total
        "bytes */*",                          // unsatisfied without a size
        "bytes */-1",                         // unsatisfied with a negative size
        "bytes a-b/100",                      // not numbers
        "bytes 0-99/abc",                     // total not a number
        "bytes 0x0-0x63/100",                 // not decimal
        "bytes 1.5-99/100",                   // not an integer
        "bytes 0-99999999999999999999/*",     // last beyond 64 bits
        "bytes 0-99/99999999999999999999",    // total beyond 64 bits
        "bytes 0-99/100/200",                 // two slashes
        "bytes 0-/100",                       // no last
        "bytes 20-+57/*",                     // a sign: RFC 9110 has 1*DIGIT (found by ContentRangeFuzzTest)
        "bytes +0-9/10",                      // a sign on the first byte
        "bytes 0-9/+10",                      // a sign on the total
        "bytes */+10",                        // a sign on an unsatisfied range's total
        "bytes 0-\u0669/10",                  // an Arabic-Indic digit nine, which Long.parseLong takes
    })
    void malformedValuesShouldBeEmpty(String value) {
        assertEquals(Optional.empty(), ContentRange.parse(value), () -> "parse of [" + value + "]");
    }

    @Test
    void largestRangeShouldParse() {
        long max = Long.MAX_VALUE;
        ContentRange cr = ContentRange.parse("bytes 0-" + (max - 1) + "/" + max).orElseThrow();
        assertEquals(max, cr.length());
        assertEquals(OptionalLong.of(max), cr.objectSize());
    }

    @Test
    void constructorShouldRefuseWhatIsNotARange() {
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(-2, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(6, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(-1, -1, -2));
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(-1, -1, -1),
                "bytes */* is no answer RFC 9110 allows: an unsatisfied range carries the size");
        assertThrows(IllegalArgumentException.class, () -> new ContentRange(-1, 5, 10));
    }
}

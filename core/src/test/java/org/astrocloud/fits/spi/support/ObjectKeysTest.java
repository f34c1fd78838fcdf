package org.astrocloud.fits.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two encodings of object names, against RFC 3986's rules applied by hand to the UTF-8 bytes. */
class ObjectKeysTest {
    @Test
    void pathShouldKeepSlashesAndUnreservedCharactersOnly() {
        assertEquals("sector%2022/x%2By.fits", ObjectKeys.encodePath("sector 22/x+y.fits"));
        assertEquals("a-b_c.d~e/%3F%23%25%26%3D", ObjectKeys.encodePath("a-b_c.d~e/?#%&="));
        // U+00FC is C3 BC in UTF-8, U+2603 is E2 98 83
        assertEquals("%C3%BC/%E2%98%83", ObjectKeys.encodePath("\u00fc/\u2603"));
    }

    @Test
    void componentShouldEncodeSlashesToo() {
        assertEquals("sector%2022%2Fx%2By.fits", ObjectKeys.encodeComponent("sector 22/x+y.fits"));
        assertEquals("%C3%BC%2F%E2%98%83", ObjectKeys.encodeComponent("\u00fc/\u2603"));
        assertEquals("", ObjectKeys.encodeComponent(""));
    }
}

package org.astrocloud.fits;

import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.headerWithNulPadding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;

/** Typed card values, the header document's accessors and header transforms. */
class HeaderDocumentTest {

    private static List<FitsHeader> scan(FitsScanner scanner, byte[] bytes) {
        return scanner.scan(MemoryByteRangeSource.of(URI.create("mem:/t.fits"), bytes)).collectList()
                .block(Duration.ofSeconds(10));
    }

    @Test
    void cardsShouldKeepTheQuirksOfRealTessHeaders() {
        FitsHeader h = scan(FitsScanner.create(), header(
                "SIMPLE  =                    T / conforms to FITS standard",
                "BITPIX  =                    8",
                "NAXIS   =                    0",
                "EMPTY   = ''                   / empty string then comment",
                "MH      =                      / [log10([M/H])] metallicity",
                "DATE-OBS= '2019-05-21T10:59:32.096Z' / TSTART as UTC calendar date",
                "TIERRELA=             1.16E-05 / [d] relative time error",
                "1CTYP4  = 'TIME    '           / data axis type",
                "WCS_MSEP=                  0.0 / [arcsec] median residual WCS fit error  FFI WCS",
                "CRBLKSZ =                   10 / [exposures] s/c cosmic ray mitigation block siz",
                "SIMDATA =                    F / file is based on simulated data",
                "LONGSTR = 'A long string that goes on past one card and must be continued on &'",
                "CONTINUE  'the next card, and ends here' / long comment",
                "HIERARCH ESO DET CHIP ID = 'CCD-44' / the chip",
                "COMMENT   first comment",
                "HISTORY   made by hand",
                "COMMENT   second comment",
                "        blank keyword commentary"))
                .get(0);

        assertEquals(Optional.of(""), h.stringValue("EMPTY"));
        assertTrue(h.card("MH").orElseThrow().value().isEmpty(), "undefined value");
        assertEquals("[log10([M/H])] metallicity", h.card("MH").orElseThrow().comment().orElseThrow());
        assertEquals("2019-05-21T10:59:32.096Z", h.stringValue("DATE-OBS").orElseThrow());
        assertEquals(1.16e-5, h.doubleValue("TIERRELA").orElseThrow());
        assertEquals("TIME", h.stringValue("1CTYP4").orElseThrow());
        assertEquals(0.0, h.doubleValue("WCS_MSEP").orElseThrow());
        assertEquals(10, h.longValue("CRBLKSZ").orElseThrow());
        assertEquals(Optional.of(false), h.booleanValue("SIMDATA"));
        assertEquals("A long string that goes on past one card and must be continued on the next card, and ends here",
                h.stringValue("LONGSTR").orElseThrow());
        assertEquals(2, h.card("LONGSTR").orElseThrow().physicalCards());
        assertEquals("CCD-44", h.stringValue("ESO DET CHIP ID").orElseThrow());
        assertEquals("CCD-44", h.stringValue("HIERARCH ESO DET CHIP ID").orElseThrow());
        // bytes 9-80 as written (FITS 4.0, section 4.4.2.4): the two blanks before the text are part of it
        assertEquals(List.of("  first comment", "  second comment"),
                h.cards("COMMENT").stream().map(c -> c.stringValue().orElseThrow()).toList());
        assertTrue(h.cards("HISTORY").get(0).isCommentary());
        assertEquals(18, h.cardCount(), "every physical card before END, CONTINUE included");
        assertEquals(17, h.cards().size(), "CONTINUE joins its card");
    }

    @Test
    void simpleFalseShouldBeWalkedAndFlagged() {
        FitsHeader h = scan(FitsScanner.create(), header("SIMPLE  =                    F", "BITPIX  =                    8",
                "NAXIS   =                    0")).get(0);
        assertFalse(h.isConforming());
        assertEquals(HduKind.PRIMARY, h.kind());
    }

    @Test
    void transformShouldPatchCardsButNeverTheLayout() {
        byte[] cube = new byte[2880 * 2];
        System.arraycopy(TessFiles.header("cube-hdu0-primary.txt"), 0, cube, 0, 2880);
        System.arraycopy(TessFiles.header("cube-hdu1-image.txt", "NAXIS2", "0"), 0, cube, 2880, 2880);
        FitsScanner scanner = FitsScanner.create()
                .transform(HeaderTransform.when(h -> h.index() == 0,
                        h -> h.withCard(FitsCard.of("TELESCOP", "TESS-FIXED", "patched"))))
                .transform(h -> h.withoutCard("CHECKSUM").withCard(FitsCard.of("PIPELINE", 42, null)));
        List<FitsHeader> hdus = scan(scanner, cube);

        assertEquals("TESS-FIXED", hdus.get(0).stringValue("TELESCOP").orElseThrow());
        assertEquals(42, hdus.get(1).longValue("PIPELINE").orElseThrow());
        assertTrue(hdus.get(1).stringValue("TELESCOP").isEmpty());
        assertEquals(2880, hdus.get(1).headerOffset());
        assertEquals(5760, hdus.get(1).dataOffset());
        assertEquals(List.of(2L, 0L, 2136L, 2078L), hdus.get(1).naxis());
        String raw = StandardCharsets.US_ASCII.decode(hdus.get(0).rawBytes()).toString();
        assertTrue(raw.contains("TELESCOP= 'TESS-FIXED'"), raw);
        assertEquals(0, raw.length() % 2880);
        int cards = hdus.get(0).cards().size();
        assertEquals(cards, hdus.get(0).cardCount(), "one physical card per card: no CONTINUE here");
        assertTrue(raw.startsWith("END     ", cards * 80), "END follows the last card");
        assertTrue(raw.substring(cards * 80 + 3).isBlank(), "blank padding after END");
    }

    @Test
    void endFollowedByNulPaddingShouldEndTheHeaderButKeywordsStartingWithEndShouldNot() {
        byte[] bytes = headerWithNulPadding("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "ENDTIME =                    5", "END_X   = 'not the end'");
        List<FitsHeader> hdus = scan(FitsScanner.create(), bytes);
        assertEquals(1, hdus.size());
        assertEquals(5, hdus.get(0).cardCount());
        assertEquals(5, hdus.get(0).longValue("ENDTIME").orElseThrow());
    }
}

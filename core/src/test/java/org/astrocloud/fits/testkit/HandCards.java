package org.astrocloud.fits.testkit;

import java.util.List;

/** The cards of {@link CardCorpus#handWritten}'s files, one 80-character card (or less) per string. */
final class HandCards {
    /** The primary header of {@code hand-cards.fits} after SIMPLE, BITPIX, NAXIS and EXTEND. */
    static final List<String> VALUES = List.of(
            // commentary: bytes 9-80 are text, whatever they hold (FITS 4.0, section 4.4.2.4)
            "COMMENT This header holds every card form that the FITS standard allows.",
            "COMMENT    indented by three",
            "COMMENT       a table:   x     y",
            "HISTORY   step  1   flat      2.5",
            "HISTORY   step 12   dark     12.0",
            "HISTORY",
            "COMMENT",
            "          blank keyword, indented",
            "",
            "COMMENT = 'equals in bytes 9-10' / not a value, nor a comment",
            "HISTORY = 5",
            "        = T",
            "COMMENT ' a quote, a / slash and an & ampersand",
            "COMMENT text with trailing blanks           ",
            "COMMENT" + " x".repeat(36),
            // no value indicator: bytes 9-80 are text (section 4.1.2.3)
            "NOEQUALS  'no value indicator' / so all of it is text",
            "EQNOSPC =5",
            "SLASHEQ =/ no value either",
            // logicals and integers, fixed and free format
            "LOGFIX  =                    T / fixed format",
            "LOGFREE =    F / free format at an odd column",
            "LOGFAR  =                                                       T",
            "INTFREE =         42 / free format at an odd column",
            "NOSPACE = 7/no blank before the slash",
            "PLUSINT = +17",
            "ZEROPAD = 007",
            "NEGINT  = -2147483649",
            "LONGMAX = 9223372036854775807",
            "LONGMIN = -9223372036854775808",
            "BIGINT  = 123456789012345678901234567890 / beyond 64 bits",
            "NEGBIG  = -98765432109876543210",
            // reals
            "REALFIX =                 3.25 / fixed format",
            "REALFRE =   3.25    /comment right after the slash",
            "EXPD    = 1.5D3",
            "EXPDNEG =             -2.5D-12",
            "EXPLOWE = 2.5e-3",
            "EXPPLUS = 6.02E+23",
            "PLUSREA = +0.5",
            "NOINT   = .5",
            "NOFRAC  = 5.",
            "MANYDIG = 3.14159265358979323846264338327950288",
            "TINY    = 1.0E-300",
            "HUGE    = 1.7976931348623157E308",
            "NEGZERO = -0.0",
            // undefined
            "UNDEF   =                      / a comment without value",
            "UNDEFNC =",
            "UNDEFSL = / comment right after the value indicator",
            // strings
            "STRQUOT = 'it''s quoted'",
            "DQUOTES = '0.2''''/pixel_mask'",
            "STRSPC  = '   '",
            "STREMPT = ''",
            "STREMPC = ''                   / empty then a comment",
            "STRLEAD = '   leading blanks are kept'",
            "STRTRAIL= 'trailing blanks are not   '",
            "STRFREE =     'free format string'   / comment",
            "STRSLASH= 'a/b' / c/d",
            "STRFULL = '" + "f".repeat(68) + "'",
            "STRAMP  = 'a single card ending in &'",
            "STRCMT  = 'value'/no blank before the slash",
            // complex (sections 4.2.5 and 4.2.6)
            "CPLXINT = (137, -1)",
            "CPLXREA = (1.5, -2.0D3) / complex real",
            "CPLXSPC = (  1 ,  2.5  )",
            "CPLXTGT = (3,4)/tight",
            "CPLXPLUS= (+1, -0) / signs",
            "CPLXBIG = (100000000000000000000, 1)",
            "CPLXEXP = (1.5E2, 0.5)",
            // HIERARCH (ESO convention)
            "HIERARCH ESO DET CHIP ID = 'CCD-44' / the chip",
            "HIERARCH ESO TEL AIRM START = 1.25",
            "HIERARCH ESO OBS FLAG = T",
            "HIERARCH A LONG NAME = 12 / integer");

    /** The IMAGE extension of {@code hand-cards.fits} after EXTNAME. */
    static final List<String> EXTENSION = List.of(
            "COMMENT   indented in an extension",
            "HISTORY history in an extension",
            "          ",
            "OBJECT  = 'second header'");

    /** The primary header of {@code hand-long-strings.fits} after SIMPLE, BITPIX, NAXIS and EXTEND. */
    static final List<String> LONG_STRINGS = List.of(
            "LONG1   = 'This long string value is continued over &' / first comment",
            "CONTINUE  'several cards, with an ''apostrophe'' in &'",
            "CONTINUE  'it and a doubled quote at the end ''&'",
            "CONTINUE  '' / the end",
            "LONGAMP = 'the last piece ends in an ampersand &'",
            "CONTINUE  'that nothing continues&'",
            "LONGEMPT= '&'",
            "CONTINUE  '&'",
            "CONTINUE  'only the third piece has text&'",
            "CONTINUE  ''",
            "LONGBLNK= 'blanks may follow the ampersand &   '",
            "CONTINUE  'inside the quotes'",
            "LONGCMT = 'value&' / comment field",
            "CONTINUE  '&' / continued over",
            "CONTINUE  '' / three cards",
            "LONGFREE= 'starts here &'",
            "CONTINUE       'and the piece is indented'  / comment",
            "LONGFULL= '" + "g".repeat(67) + "&'",
            "CONTINUE  '" + "h".repeat(67) + "&'",
            "CONTINUE  'end'",
            "AFTER   = 'a plain string after the long ones'");

    private HandCards() {
    }
}

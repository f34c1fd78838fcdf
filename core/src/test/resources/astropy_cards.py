"""Writes FITS files of many card forms with astropy, and reports how astropy reads every card.

Used by CardCorpus (core's test-jar) and AstropyCardsAgreementTest. Two commands:

    astropy_cards.py write DIR      writes DIR/astropy-cards.fits (see write() below) and prints its path
    astropy_cards.py read FILE...   prints every card of every HDU of each FILE, as astropy reads it

"read" takes each header verbatim: it finds the HDUs with astropy.io.fits.open (fileinfo gives
where each header starts and ends) and parses the header's bytes with fits.Header.fromstring, so
no HDU class rewrites a header (a tile-compressed image's .header is the uncompressed image's).
The output is tab-separated text, one line per record, in file order:

    HDU   <path>  <index>  <number of cards>
    CARD  <path>  <hdu>  <first physical card>  <physical cards>  <kind>  <keyword>  <value>  <comment>
    ERROR <path>  <hdu or ->  <exception type>: <message>

kind is what astropy makes of the value: str, int, float, bool, complex (value "re,im"),
undefined (value empty), text (a card astropy reads as commentary: a commentary keyword or a card
it marks invalid, value bytes 9-80 as astropy gives them), or error (astropy cannot give the
value; value is the message). Floats are written with repr(), so that they read back exactly.
In value and comment, a backslash, tab or newline is written as \\\\, \\t or \\n. A card whose
value astropy cannot give is an error card; a header astropy cannot parse gets an ERROR line.
"""
import os
import sys
import warnings

from astropy.io import fits
from astropy.io.fits.card import Undefined


def escape(text):
    return str(text).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def one_line(text):
    return " ".join(str(text).split())


def reading(card):
    """(kind, value, comment) of one astropy card."""
    keyword = card.keyword
    try:
        value = card.value
        comment = card.comment
    except Exception as e:  # astropy cannot give this card's value
        return "error", type(e).__name__ + ": " + one_line(e), ""
    if keyword.upper() in fits.Card._commentary_keywords or getattr(card, "_invalid", False):
        return "text", value, ""
    if isinstance(value, Undefined):
        return "undefined", "", comment
    if isinstance(value, bool):
        return "bool", "T" if value else "F", comment
    if isinstance(value, int):
        return "int", str(value), comment
    if isinstance(value, float):
        return "float", repr(value), comment
    if isinstance(value, complex):
        return "complex", repr(value.real) + "," + repr(value.imag), comment
    if isinstance(value, str):
        return "str", value, comment
    return "error", "unexpected value type " + type(value).__name__, ""


def read(paths):
    out = []
    for path in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with fits.open(path, lazy_load_hdus=True, memmap=False) as hdul:
                    count = len(hdul)
                    places = [(hdul.fileinfo(i)["hdrLoc"], hdul.fileinfo(i)["datLoc"]) for i in range(count)]
        except Exception as e:
            out.append("\t".join(("ERROR", path, "-", type(e).__name__ + ": " + one_line(e))))
            continue
        with open(path, "rb") as f:
            for i, (start, end) in enumerate(places):
                f.seek(start)
                text = f.read(end - start).decode("ascii")
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        header = fits.Header.fromstring(text)
                        lines = []
                        physical = 0
                        for card in header.cards:
                            cards = max(1, len(card._image or "") // 80)
                            kind, value, comment = reading(card)
                            lines.append("\t".join(str(v) for v in (
                                "CARD", path, i, physical, cards, kind, escape(card.keyword), escape(value),
                                escape(comment))))
                            physical += cards
                except Exception as e:
                    out.append("\t".join(("ERROR", path, str(i), type(e).__name__ + ": " + one_line(e))))
                    continue
                out.append("\t".join(("HDU", path, str(i), str(len(lines)))))
                out.extend(lines)
    sys.stdout.write("\n".join(out) + "\n")


def write(directory):
    """astropy-cards.fits: a primary header and an IMAGE extension of cards made with astropy's API."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # astropy warns about the long HIERARCH keywords and cut comments
        primary = fits.PrimaryHDU()
        h = primary.header
        h.add_comment("written by astropy for astro-cloud's card corpus")
        h.add_comment("   indented by three")
        h.add_comment("      a table:   x     y")
        h.add_history("  step  1   flat      2.5")
        h.add_history("  step 12   dark     12.0")
        h.add_blank("   a blank-keyword card, indented")
        h.add_blank("")
        h.add_comment("")
        h["LOGT"] = (True, "a logical")
        h["LOGF"] = False
        h["INT"] = (42, "an integer")
        h["NEGINT"] = -7
        h["BIGINT"] = (2 ** 70 + 1, "beyond 64 bits")
        h["NEGBIG"] = -(2 ** 65)
        h["LONGMAX"] = 2 ** 63 - 1
        h["REAL"] = (0.1, "a real")
        h["THIRD"] = 1 / 3
        h["TINY"] = 1e-300
        h["HUGE"] = 1.5e300
        h["NEGZERO"] = -0.0
        h["CPLX"] = (complex(1.5, -2.0), "complex")
        h["CPLXINT"] = complex(137, -1)
        h["UNDEF"] = (None, "undefined")
        h["EMPTY"] = ("", "empty string")
        h["SPACES"] = "   "
        h["LEADING"] = "   leading blanks"
        h["QUOTES"] = ("it's 'quoted'", "quotes")
        h["DQUOTES"] = "0.2''/pixel_mask"
        h["SLASH"] = ("a/b", "c/d")
        h["AMPONE"] = "a single card ending in &"
        h["LONGSTR"] = ("a long string, " * 8 + "with 'quotes' in it", "a long string's comment")
        h["LONGQ"] = "q" * 66 + "'" + "r" * 70
        h["LONGAMP"] = "a long string whose value ends in an ampersand, on the last piece " * 2 + "&"
        h["LONGCMT"] = ("a long string with a long comment " * 3, "c" * 100)
        h["HIERARCH ESO DET CHIP ID"] = ("CCD-44", "the chip")
        h["HIERARCH ESO TEL AIRM START"] = 1.25
        h["HIERARCH ESO OBS FLAG"] = True
        h["CUTCMT"] = (5, "a comment too long for the card is cut at byte 80 by astropy " * 2)
        image = fits.ImageHDU(name="SECOND")
        image.header["OBJECT"] = "second header"
        image.header.add_comment("  indented in an extension")
        image.header.add_history("history in an extension")
        path = os.path.join(directory, "astropy-cards.fits")
        fits.HDUList([primary, image]).writeto(path)
    print(path)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        read(sys.argv[2:])

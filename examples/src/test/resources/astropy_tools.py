"""Prints, as one JSON object, what astropy's fitsinfo and fitsheader print for each file named.

Used by FitsToolsAgreementTest: {"<path>": {"info": "...", "header": "..."}}; a tool that raises
instead of printing gives {"info_error": "..."} (or "header_error").
fitsheader runs with --compressed so that a tile-compressed image shows its header as stored.
"""
import contextlib
import io
import json
import sys
import warnings

from astropy.io.fits.scripts import fitsheader, fitsinfo

warnings.simplefilter("ignore")
result = {}
for path in sys.argv[1:]:
    result[path] = {}
    for tool, run in (("info", lambda: fitsinfo.main([path])),
                      ("header", lambda: fitsheader.main(["--compressed", path]))):
        text = io.StringIO()
        try:
            with contextlib.redirect_stdout(text):
                run()
            result[path][tool] = text.getvalue()
        except Exception as e:  # astropy's own failure: reported, not fatal
            result[path][tool + "_error"] = f"{type(e).__name__}: {e}"
json.dump(result, sys.stdout)

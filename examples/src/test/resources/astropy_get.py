"""The independent judge of `fits-scan get --hdu`.

    astropy_get.py write PATH            writes a multi-HDU file: a primary with an image, an IMAGE
                                         extension (SCI), a BINTABLE (EVENTS) and a second SCI (EXTVER 2)
    astropy_get.py compare ORIG N OUT    prints JSON: whether OUT is valid FITS whose HDU (0 when N is 0,
                                         else 1, after an empty primary) has HDU N's cards and data
"""
import json
import sys

import numpy as np
from astropy.io import fits


def write(path):
    rng = np.random.default_rng(22)
    primary = fits.PrimaryHDU(rng.integers(-1000, 1000, size=(7, 5)).astype(np.int16))
    primary.header["OBSERVER"] = ("astropy", "who wrote this file")
    sci = fits.ImageHDU(rng.normal(size=(13, 11, 3)).astype(np.float32), name="SCI")
    sci.header["EXTVER"] = 1
    sci.header["HISTORY"] = "an image extension"
    events = fits.BinTableHDU.from_columns([
        fits.Column(name="TIME", format="D", array=np.linspace(0, 1, 101)),
        fits.Column(name="PHA", format="J", array=np.arange(101, dtype=np.int32) * 7),
        fits.Column(name="FLAG", format="L", array=np.arange(101) % 3 == 0),
        fits.Column(name="NAME", format="8A", array=np.array(["e%d" % i for i in range(101)])),
    ], name="EVENTS")
    sci2 = fits.ImageHDU(np.arange(40, dtype=np.int32).reshape(5, 8), name="SCI")
    sci2.header["EXTVER"] = 2
    fits.HDUList([primary, sci, events, sci2]).writeto(path, overwrite=True)


def cards(header):
    return [[c.keyword, repr(c.value), c.comment] for c in header.cards]


def same_data(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, fits.FITS_rec):
        return a.columns.names == b.columns.names and all(
            np.array_equal(np.asarray(a[n]), np.asarray(b[n])) for n in a.columns.names)
    return a.dtype == b.dtype and np.array_equal(a, b)


def compare(orig, n, out):
    with fits.open(orig) as o, fits.open(out) as c:
        c.verify("exception")
        want = o[n]
        got = c[0] if n == 0 else c[1]
        result = {
            "hdus": len(c),
            "cards": cards(got.header) == cards(want.header),
            "data": bool(same_data(want.data, got.data)),
            "primaryNaxis": c[0].header["NAXIS"],
            "simple": bool(c[0].header["SIMPLE"]),
        }
        if n > 0:
            result["extend"] = bool(c[0].header["EXTEND"])
        print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        compare(sys.argv[2], int(sys.argv[3]), sys.argv[4])

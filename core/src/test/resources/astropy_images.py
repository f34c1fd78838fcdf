"""Writes FITS images of every BITPIX, with and without BZERO/BSCALE/BLANK, and prints, for each
section the Java test reads, the values numpy gives: the stored ones (do_not_scale_image_data) and
the physical ones computed in float64 by the FITS rule, and astropy's own scaled data.

usage: astropy_images.py DIR      (writes DIR/*.fits and DIR/*.fits.gz, prints cases to stdout)
"""
import sys, os, gzip, shutil
import numpy as np
from astropy.io import fits

out = sys.argv[1]
rng = np.random.default_rng(20261202)

def values(dtype, shape):
    if dtype == np.uint8:
        return rng.integers(0, 256, shape).astype(np.uint8)
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
    a = rng.normal(0, 1e3, shape).astype(dtype)
    a.flat[3] = np.nan
    a.flat[5] = np.inf
    return a

# name, dtype, shape (numpy order), header cards (applied to the stored values)
images = [
    ("u8", np.uint8, (23, 37), {}),
    ("u8s", np.uint8, (23, 37), {"BZERO": -128.0, "BSCALE": 0.5, "BLANK": 7}),
    ("i16", np.int16, (23, 37), {}),
    ("i16u", np.int16, (23, 37), {"BZERO": 32768}),
    ("i16s", np.int16, (23, 37), {"BZERO": 1.5, "BSCALE": 0.25, "BLANK": -32768}),
    ("i32", np.int32, (4, 5, 6), {}),
    ("i32s", np.int32, (4, 5, 6), {"BZERO": 100.0, "BSCALE": 1e-3, "BLANK": 2147483647}),
    ("i64", np.int64, (23, 37), {}),
    ("i64b", np.int64, (23, 37), {"BLANK": -1}),
    ("f32", np.float32, (4, 5, 6), {}),
    ("f32s", np.float32, (23, 37), {"BZERO": 10.0, "BSCALE": 2.0}),
    ("f64", np.float64, (2, 3, 4, 5), {}),
]
sections = {
    2: [":", "5:17, 3:30", "::3, 2", "-5:, :", "4, ::2", "20:3, :", "22, 36"],
    3: [":", "1:3, :, 2:5", ":, 1, ::2", "3, 4, 5", "::2, ::2, ::2", "-2:, -3:, :"],
    4: [":", "1, 0:2, ::3, 1:4", ":, :, :, 0", "0:1, 1:3, 2:4, ::2"],
}

def index(text, ndim):
    parts = []
    for p in text.split(","):
        p = p.strip()
        if ":" in p:
            b = p.split(":")
            parts.append(slice(*[int(x) if x.strip() else None for x in b]))
        else:
            parts.append(int(p))
    return tuple(parts)

def fmt(a):
    return " ".join(repr(float(x)) if np.issubdtype(a.dtype, np.floating) else str(int(x)) for x in a.ravel())

for name, dtype, shape, cards in images:
    stored = values(dtype, shape)
    if "BLANK" in cards:
        stored.flat[2] = cards["BLANK"]
    primary = fits.PrimaryHDU()
    hdu = fits.ImageHDU(stored, name=name.upper())
    # the stored values as they are: set the scaling cards on the header without rescaling
    for k, v in cards.items():
        hdu.header[k] = v
    path = os.path.join(out, name + ".fits")
    fits.HDUList([primary, hdu]).writeto(path, overwrite=True, output_verify="silentfix")
    with open(path, "rb") as f, gzip.open(path + ".gz", "wb") as g:
        shutil.copyfileobj(f, g)
    with fits.open(path, do_not_scale_image_data=True) as raw_hdul, fits.open(path) as hdul:
        raw = raw_hdul[1].data
        assert raw.dtype.itemsize == np.dtype(dtype).itemsize, (name, raw.dtype)
        h = raw_hdul[1].header
        bzero, bscale = float(h.get("BZERO", 0)), float(h.get("BSCALE", 1))
        exact = raw.astype(np.float64) * bscale + bzero if (bzero, bscale) != (0.0, 1.0) else raw.astype(np.float64)
        if "BLANK" in h and np.issubdtype(raw.dtype, np.integer):
            exact = np.where(raw == h["BLANK"], np.nan, exact)
        scaled = hdul[1].data
        for text in sections[len(shape)]:
            ix = index(text, len(shape))
            r = raw[ix]
            sec = scaled[ix]
            # (astropy 5.2's own .section is not used: it fails on empty slices and on some indexed
            # sections of images with BLANK; the loaded data indexed by numpy is astropy's answer)
            print("case", name, text.replace(" ", ""))
            print("shape", " ".join(str(n) for n in np.shape(r)))
            print("raw", fmt(np.asarray(r)))
            print("exact", fmt(np.asarray(exact[ix])))
            print("astropy", np.asarray(sec).dtype.str, fmt(np.asarray(sec).astype(np.float64)))

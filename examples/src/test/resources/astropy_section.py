"""Makes images for `fits-scan cutout --section` and checks its output against astropy.

  astropy_section.py make DIR
      writes DIR/scaled.fits (HDU 1 'SCI': int16, BZERO 32768, BSCALE 0.5, BLANK, a TAN-SIP WCS with
      a CD matrix) and DIR/cube.fits (primary: float32 (5, 40, 50), RA/DEC/WAVE WCS with PC and CDELT)
  astropy_section.py check CASES.json
      CASES.json: a list of {"original", "hdu", "section", "cutout"}. For each, astropy's own reading
      of the original is the judge: the cutout's stored and scaled values equal hdu.data[section]
      (an index keeps its axis with length 1 in the cutout), BITPIX/BZERO/BSCALE/BLANK are kept,
      CRPIX equals astropy's Cutout2D's (2-d, step 1) and WCS.slice's (step 1), and the cutout's
      pixels map to the sky positions of the original pixels they hold, through both WCSs. Prints one JSON line per case.
"""
import json
import os
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.nddata import Cutout2D
from astropy.wcs import WCS

warnings.simplefilter("ignore")


def make(out):
    rng = np.random.default_rng(7)
    raw = rng.integers(-32000, 32000, size=(60, 80)).astype(np.int16)
    raw[3, 5] = -32768
    raw[40, 70] = -32768
    sci = fits.ImageHDU(name="SCI")
    sci.header["BITPIX"] = 16
    sci.data = raw
    h = sci.header
    h["BZERO"], h["BSCALE"], h["BLANK"] = 32768, 0.5, -32768
    for k, v in [("CTYPE1", "RA---TAN-SIP"), ("CTYPE2", "DEC--TAN-SIP"), ("CRPIX1", 40.5), ("CRPIX2", 30.5),
                 ("CRVAL1", 150.0), ("CRVAL2", -30.0), ("CD1_1", -0.001), ("CD1_2", 0.0002),
                 ("CD2_1", 0.0003), ("CD2_2", 0.001), ("A_ORDER", 2), ("A_0_2", 1e-6), ("A_2_0", -2e-6),
                 ("B_ORDER", 2), ("B_1_1", 3e-6), ("OBSERVER", "nobody")]:
        h[k] = v
    primary = fits.PrimaryHDU()
    fits.HDUList([primary, sci]).writeto(os.path.join(out, "scaled.fits"), overwrite=True,
                                         output_verify="silentfix")
    # write the stored int16 values untouched
    with fits.open(os.path.join(out, "scaled.fits"), mode="update", do_not_scale_image_data=True) as f:
        f[1].data[...] = raw
    cube = fits.PrimaryHDU(rng.normal(size=(5, 40, 50)).astype(np.float32))
    for k, v in [("CTYPE1", "RA---TAN"), ("CTYPE2", "DEC--TAN"), ("CTYPE3", "WAVE"), ("CRPIX1", 25.0),
                 ("CRPIX2", 20.0), ("CRPIX3", 1.0), ("CRVAL1", 10.0), ("CRVAL2", 20.0), ("CRVAL3", 5e-7),
                 ("CDELT1", -0.0005), ("CDELT2", 0.0005), ("CDELT3", 1e-9), ("PC1_1", 0.9), ("PC1_2", 0.1),
                 ("PC2_1", -0.1), ("PC2_2", 0.9), ("CUNIT3", "m")]:
        cube.header[k] = v
    cube.writeto(os.path.join(out, "cube.fits"), overwrite=True)


def parse(text):
    out = []
    for part in text.split(","):
        bits = part.strip().split(":")
        if len(bits) == 1:
            out.append(int(bits[0]))
        else:
            nums = [int(b) if b.strip() else None for b in bits]
            out.append(slice(*nums))
    return tuple(out)


def check(case):
    key = tuple(parse(case["section"]))
    orig_raw = fits.open(case["original"], do_not_scale_image_data=True)[case["hdu"]]
    orig = fits.open(case["original"])[case["hdu"]]
    cut_raw = fits.open(case["cutout"], do_not_scale_image_data=True)[0]
    cut = fits.open(case["cutout"])[0]
    want_raw = orig_raw.data[key]
    want = orig.data[key]
    assert cut_raw.data.size == want_raw.size, (cut_raw.data.shape, want_raw.shape)
    if all(isinstance(k, slice) for k in key):
        assert cut_raw.data.shape == want_raw.shape, (cut_raw.data.shape, want_raw.shape)
    np.testing.assert_array_equal(cut_raw.data.reshape(want_raw.shape), want_raw)
    np.testing.assert_array_equal(cut.data.reshape(want.shape), want)
    for k in ("BITPIX", "BZERO", "BSCALE", "BLANK"):
        assert orig_raw.header.get(k) == cut_raw.header.get(k), (k, orig_raw.header.get(k), cut_raw.header.get(k))
    wcs = WCS(orig.header)
    full = tuple(key) + (slice(None),) * (wcs.naxis - len(key))
    # WCS.slice takes negative bounds literally: give it numpy's resolved ones
    kept = tuple(slice(k % n, k % n + 1) if isinstance(k, int) else slice(*k.indices(n))
                 for k, n in zip(full, orig.data.shape))
    sliced = wcs.slice(kept)
    mine = WCS(cut.header)
    found = {"section": case["section"], "crpix": list(mine.wcs.crpix)}
    steps = [k.step for k in kept if k.step not in (None, 1)]
    if not steps:
        np.testing.assert_allclose(mine.wcs.crpix, sliced.wcs.crpix, rtol=0, atol=1e-9)
    else:
        # WCS.slice places a stepped axis' pixels at the centres of step-wide bins; the cutout holds
        # samples (hdu.data[::step]), whose sky positions are checked below
        found["wcs_slice_binned_crpix"] = list(sliced.wcs.crpix)
    if wcs.naxis == 2 and not steps:
        ys, xs = kept
        y0, y1, _ = ys.indices(orig.data.shape[0])
        x0, x1, _ = xs.indices(orig.data.shape[1])
        c2d = Cutout2D(orig.data, ((x0 + x1 - 1) / 2, (y0 + y1 - 1) / 2), (y1 - y0, x1 - x0), wcs=wcs, mode="strict")
        assert c2d.slices_original == (slice(y0, y1), slice(x0, x1)), c2d.slices_original
        np.testing.assert_allclose(mine.wcs.crpix, c2d.wcs.wcs.crpix, rtol=0, atol=1e-9)
        found["cutout2d"] = list(c2d.wcs.wcs.crpix)
    # the same sky through both WCSs, distortion included
    shape = cut.data.shape[::-1]
    pts = np.array([[0] * len(shape), [s - 1 for s in shape], [s // 2 for s in shape]], dtype=float)
    starts = [k.indices(n)[0] for k, n in zip(kept, orig.data.shape)][::-1]
    stepv = [(k.step or 1) for k in kept][::-1]
    orig_pts = pts * np.array(stepv) + np.array(starts)
    np.testing.assert_allclose(mine.all_pix2world(pts, 0), wcs.all_pix2world(orig_pts, 0), rtol=0, atol=1e-9)
    return found


if sys.argv[1] == "make":
    make(sys.argv[2])
    print("{}")
else:
    with open(sys.argv[2]) as f:
        for case in json.load(f):
            print(json.dumps(check(case)))

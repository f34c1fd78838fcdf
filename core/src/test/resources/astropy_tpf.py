"""Checks a target-pixel file cut from a TESS cube against the cube itself, both read by astropy.

Usage: astropy_tpf.py CUBE TPF COLUMN0 ROW0 WIDTH HEIGHT
(the box's first FFI column and row, 0-based, and its size). Every expected value is computed here
from the cube with astropy: TIME = (TSTART + TSTOP) / 2 of the cube's frame table, TIMECORR its
BARYCORR, QUALITY its DQUALITY, FFI_FILE its FFI_FILE, FLUX and FLUX_ERR the cube's pixels (NaN off
the CCD), APERTURE 1 on the CCD and 0 off it, and the cutout's WCS equal to the middle frame's WCS
(astrocut's choice of row) moved by the box's origin. Fails with an AssertionError; prints a JSON
line of what it found (and whether lightkurve could read the file) on success.
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

warnings.simplefilter("ignore")

cube_path, tpf_path = sys.argv[1], sys.argv[2]
c0, r0, w, h = (int(a) for a in sys.argv[3:7])

cube = fits.open(cube_path, memmap=True)
table = cube[2].data
n = len(table)
rows, cols = cube[1].shape[0], cube[1].shape[1]

tpf = fits.open(tpf_path)
assert [hdu.name for hdu in tpf] == ["PRIMARY", "PIXELS", "APERTURE"], [hdu.name for hdu in tpf]
pix = tpf["PIXELS"].data
assert len(pix) == n, (len(pix), n)
assert pix["FLUX"].shape == (n, h, w), pix["FLUX"].shape
assert pix["FLUX_ERR"].shape == (n, h, w), pix["FLUX_ERR"].shape
assert tpf["APERTURE"].data.shape == (h, w), tpf["APERTURE"].data.shape
assert tpf["APERTURE"].data.dtype.kind == "i" and tpf["APERTURE"].data.dtype.itemsize == 4

time = (table["TSTART"] + table["TSTOP"]) / 2
np.testing.assert_array_equal(pix["TIME"], time)
np.testing.assert_array_equal(pix["TIMECORR"], table["BARYCORR"].astype(np.float32))
np.testing.assert_array_equal(pix["QUALITY"], table["DQUALITY"])
np.testing.assert_array_equal(pix["FFI_FILE"], table["FFI_FILE"])

# the cube's pixels of the box, clipped to the CCD, placed in a NaN box
ya, yb = max(r0, 0), min(r0 + h, rows)
xa, xb = max(c0, 0), min(c0 + w, cols)
part = cube[1].section[ya:yb, xa:xb, :, :]
flux = np.full((n, h, w), np.nan, dtype=np.float32)
err = np.full((n, h, w), np.nan, dtype=np.float32)
flux[:, ya - r0:yb - r0, xa - c0:xb - c0] = np.moveaxis(part[:, :, :, 0], 2, 0)
err[:, ya - r0:yb - r0, xa - c0:xb - c0] = np.moveaxis(part[:, :, :, 1], 2, 0)
np.testing.assert_array_equal(pix["FLUX"], flux)
np.testing.assert_array_equal(pix["FLUX_ERR"], err)
aperture = np.zeros((h, w), dtype=np.int32)
aperture[ya - r0:yb - r0, xa - c0:xb - c0] = 1
np.testing.assert_array_equal(tpf["APERTURE"].data, aperture)

# astrocut's reference frame: the middle row, else the next one with a TAN-SIP declination axis
ref_row = None
for k in range(n):
    i = (n // 2 + k) % n
    if table[i]["CTYPE2"] == "DEC--TAN-SIP":
        ref_row = i
        break
assert ref_row is not None
header = fits.Header()
for name in table.columns.names:
    value = table[ref_row][name]
    if isinstance(value, (str, np.str_)) or not np.isnan(value):
        header[name] = value
ffi_wcs = WCS(header, relax=True)
cut_wcs = WCS(tpf["APERTURE"].header)
xs = np.array([0, w - 1, w // 2, 0, w - 1], dtype=float)
ys = np.array([0, h - 1, h // 2, h - 1, 0], dtype=float)
ours = np.array(cut_wcs.pixel_to_world_values(xs, ys))
theirs = np.array(ffi_wcs.pixel_to_world_values(xs + c0, ys + r0))
np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
ph = tpf["PIXELS"].header
assert ph["WCS_FFI"] == table[ref_row]["FFI_FILE"], (ph["WCS_FFI"], table[ref_row]["FFI_FILE"])
assert ph["1CRPX5"] == tpf["APERTURE"].header["CRPIX1"] and ph["2CRPX5"] == tpf["APERTURE"].header["CRPIX2"]
assert ph["1CRV5P"] == c0 + 1 and ph["2CRV5P"] == r0 + 1
assert ph["TDIM5"].replace(" ", "") == "(%d,%d)" % (w, h), ph["TDIM5"]
centre = np.array(ffi_wcs.pixel_to_world_values(c0 + w // 2, r0 + h // 2))
primary = tpf[0].header
np.testing.assert_allclose([primary["RA_OBJ"], primary["DEC_OBJ"]], centre, rtol=0, atol=1e-9)
assert primary["SECTOR"] == cube[0].header["SECTOR"]

found = {"frames": int(len(pix)), "shape": list(pix["FLUX"].shape), "reference_row": int(ref_row)}
try:
    import lightkurve
    lk_tpf = lightkurve.read(tpf_path)
    found["lightkurve"] = "read %d cadences of %s" % (len(lk_tpf), list(lk_tpf.shape))
except ImportError:
    found["lightkurve"] = "absent"
print(json.dumps(found))

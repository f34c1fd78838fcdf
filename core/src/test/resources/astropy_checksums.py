"""Writes FITS files with astropy (checksum=True), corrupts copies of them, and prints astropy's verdicts.

Usage: astropy_checksums.py DIR

Writes into DIR, then prints for every file:
  FILE <name> <hdus> <fitscheck exit code>
  HDU <name> <index> <verify_checksum> <verify_datasum> <datasum astropy computes>
with astropy's return codes: 1 success, 0 failure, 2 keyword missing.
"""
import gzip
import os
import shutil
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.io.fits.scripts import fitscheck

out = sys.argv[1]
rng = np.random.default_rng(22)


def path(name):
    return os.path.join(out, name)


def write(name, hdus, checksum=True):
    fits.HDUList(hdus).writeto(path(name), checksum=checksum, overwrite=True)


def info(name, i):
    with fits.open(path(name)) as hdul:
        return hdul.fileinfo(i)


def corrupt(source, name, at):
    """A copy of source with the byte at `at` changed (its lowest bit flipped)."""
    data = bytearray(open(path(source), "rb").read())
    data[at] ^= 0x01
    open(path(name), "wb").write(bytes(data))


def replace(source, name, old, new, start=0):
    data = open(path(source), "rb").read()
    at = data.index(old, start)
    open(path(name), "wb").write(data[:at] + new + data[at + len(old):])


def gz(source, name):
    with open(path(source), "rb") as f, gzip.open(path(name), "wb") as g:
        shutil.copyfileobj(f, g)


def heap_table():
    flux = np.empty(50, dtype=object)
    for k in range(50):
        flux[k] = rng.random(k + 1).astype(np.float32)
    return fits.BinTableHDU.from_columns([
        fits.Column(name="ID", format="J", array=np.arange(50, dtype=np.int32)),
        fits.Column(name="FLUX", format="PE()", array=flux),
        fits.Column(name="NAME", format="10A", array=np.array(["star%d" % i for i in range(50)])),
    ], name="STARS")


# a primary image
image = fits.PrimaryHDU(rng.integers(-3000, 3000, size=(100, 120), dtype=np.int16))
image.header["OBSERVER"] = "Vera Rubin"
write("image.fits", [image])
corrupt("image.fits", "image-data-byte.fits", info("image.fits", 0)["datLoc"] + 1001)
replace("image.fits", "image-header-value.fits", b"'Vera Rubin'", b"'Vera Rubim'")

# a binary table with a heap (variable-length arrays)
write("heap.fits", [fits.PrimaryHDU(), heap_table()])
with fits.open(path("heap.fits")) as h:
    table_bytes = h[1].header["NAXIS1"] * h[1].header["NAXIS2"]
corrupt("heap.fits", "heap-heap-byte.fits", info("heap.fits", 1)["datLoc"] + table_bytes + 37)

# several HDUs: no data, float image, a table, bytes whose data unit is mostly padding
def several():
    sci = fits.ImageHDU(rng.random((37, 41)).astype(np.float32), name="SCI")
    sci.header["EXPTIME"] = 1234.5
    mask = fits.ImageHDU(rng.integers(0, 255, size=33, dtype=np.uint8), name="MASK")
    return [fits.PrimaryHDU(), sci, heap_table(), mask]


write("multi.fits", several())
replace("multi.fits", "multi-header-value.fits", b"1234.5", b"1234.6")
corrupt("multi.fits", "multi-padding-byte.fits", info("multi.fits", 3)["datLoc"] + 100)
hdr2 = info("multi.fits", 2)["hdrLoc"]
raw = open(path("multi.fits"), "rb").read()
digit = raw.index(b"DATASUM = '", hdr2) + 11
replace("multi.fits", "multi-datasum-card.fits", raw[digit:digit + 1],
        str((int(raw[digit:digit + 1]) + 1) % 10).encode(), digit)
gz("multi.fits", "multi.fits.gz")
gz("multi-header-value.fits", "multi-header-value.fits.gz")
gz("image-data-byte.fits", "image-data-byte.fits.gz")

# no checksums at all
write("plain.fits", several(), checksum=False)

for name in sorted(os.listdir(out)):
    if not (name.endswith(".fits") or name.endswith(".fits.gz")):
        continue
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines = []
        with fits.open(path(name)) as hdul:
            for i, hdu in enumerate(hdul):
                datasum = hdu._calculate_datasum()
                lines.append("HDU %s %d %d %d %d" % (name, i, hdu.verify_checksum(), hdu.verify_datasum(), datasum))
            count = len(hdul)
        code = fitscheck.main([path(name)])
    print("FILE %s %d %d" % (name, count, code))
    for line in lines:
        print(line)

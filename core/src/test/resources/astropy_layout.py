"""Prints where astropy finds every HDU of the FITS files named on the command line.

Used by AstropyAgreementTest, which runs it once for its whole corpus. Each file is opened with
astropy.io.fits.open(path, lazy_load_hdus=True, memmap=False) while warnings are recorded, not
shown. The output is tab-separated text, one line per record, in file order:

    FILE  <path>  <number of HDUs>
    HDU   <path>  <index>  <hdrLoc>  <datLoc>  <datSpan>  <header.data_size>  <hdu.size>  <HDU class>
    WARN  <path>  <warning category>: <message, tabs and newlines replaced by spaces>
    ERROR <path>  <exception type>: <message, tabs and newlines replaced by spaces>

hdrLoc, datLoc and datSpan come from hdul.fileinfo(i): the header offset, the data offset and the
data size PADDED to whole 2880-byte blocks. header.data_size is the unpadded size astropy works
out from the HDU's header; hdu.size is the unpadded size of the HDU class itself, the one that
datSpan is the padded form of (the two differ for random groups and tile-compressed images, whose
.header is not the header stored in the file). A file that cannot be read gets an ERROR line and
no FILE line. The exit status is 0 whenever every file was attempted.
"""
import sys
import warnings

from astropy.io import fits


def one_line(text):
    return " ".join(str(text).split())


def describe(path, out):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with fits.open(path, lazy_load_hdus=True, memmap=False) as hdul:
            count = len(hdul)  # reads every header
            lines = []
            for i in range(count):
                info = hdul.fileinfo(i)
                hdu = hdul[i]
                lines.append("\t".join(str(v) for v in (
                    "HDU", path, i, info["hdrLoc"], info["datLoc"], info["datSpan"],
                    hdu.header.data_size, hdu.size, type(hdu).__name__)))
    out.append("\t".join(("FILE", path, str(count))))
    out.extend(lines)
    for w in caught:
        out.append("\t".join(("WARN", path, w.category.__name__ + ": " + one_line(w.message))))


def main(paths):
    out = []
    for path in paths:
        try:
            describe(path, out)
        except Exception as e:  # one unreadable file must not hide the others
            out.append("\t".join(("ERROR", path, type(e).__name__ + ": " + one_line(e))))
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])

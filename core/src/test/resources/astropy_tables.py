"""Writes a binary table with every TFORM type (L, X, B, I, J, K, A, E, D, C, M, repeat counts, TDIM,
TSCAL/TZERO with the unsigned conventions, TNULL, undefined logicals, strings with trailing blanks and
NULs, P and Q variable-length arrays) and an ASCII table (I, F, E, D, A, TNULL, blank fields, TSCAL),
and prints, for selections of rows and columns, what astropy reads.

usage: astropy_tables.py DIR      (writes DIR/bin.fits, DIR/asc.fits and their .gz copies)

Output, per selection: "case FILE FIRST COUNT COLUMNS" (COUNT -1: to the end; COLUMNS "*", names
joined by ",", or "#n" numbers), then per column "col NAME KIND | RAW | EXACT | ASTROPY":
RAW the stored values (the raw record array; logicals as byte values, strings as hex), EXACT the
physical values by the FITS rule in float64 (TZERO + TSCAL x stored, TNULL and blank ASCII fields as
nan; numeric columns only), ASTROPY what hdu.data[NAME] gives, flattened (strings as hex of UTF-8,
complex as real imaginary, variable-length cells as "n:v,v,...").
"""
import sys, os, gzip, shutil
import numpy as np
from astropy.io import fits

out = sys.argv[1]
rng = np.random.default_rng(20261203)
N = 25

def ints(dtype, shape):
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)

def floats(dtype, shape):
    a = rng.normal(0, 1e3, shape).astype(dtype)
    a.flat[3] = np.nan
    a.flat[5] = np.inf
    a.flat[6] = -np.inf
    return a

def complexes(dtype, part):
    a = np.empty(N, dtype=dtype)
    a.real = floats(part, N)
    a.imag = floats(part, N)[::-1]
    return a

strings = np.array(["row%d" % i + " " * (i % 4) for i in range(N)], dtype="U12")
strings[0] = ""
strings[1] = "full-width12"
vla_j = np.array([ints(np.int32, i % 6) for i in range(N)], dtype=object)
vla_d = np.array([floats(np.float64, 7)[: i % 5] for i in range(N)], dtype=object)
ij = ints(np.int16, N); ij[4] = -32768
jj = ints(np.int32, N); jj[4] = 2147483647
js = ints(np.int32, N) // 1000; js[4] = -99

binary = [
    fits.Column(name="l", format="L", array=rng.integers(0, 2, N).astype(bool)),
    fits.Column(name="l3", format="3L", array=rng.integers(0, 2, (N, 3)).astype(bool)),
    fits.Column(name="x", format="11X", array=rng.integers(0, 2, (N, 11)).astype(bool)),
    fits.Column(name="x1", format="X", array=rng.integers(0, 2, (N, 1)).astype(bool)),
    fits.Column(name="b", format="B", array=ints(np.uint8, N)),
    fits.Column(name="bs", format="B", array=ints(np.uint8, N)),
    fits.Column(name="i", format="I", null=-32768, array=ij),
    fits.Column(name="u16", format="I", array=ints(np.int16, N)),
    fits.Column(name="j", format="J", null=2147483647, array=jj),
    fits.Column(name="u32", format="J", array=ints(np.int32, N)),
    fits.Column(name="k", format="K", array=ints(np.int64, N)),
    fits.Column(name="u64", format="K", array=ints(np.int64, N)),
    fits.Column(name="js", format="J", null=-99, array=js),
    fits.Column(name="e", format="E", array=floats(np.float32, N)),
    fits.Column(name="es", format="E", array=floats(np.float32, N)),
    fits.Column(name="d", format="D", array=floats(np.float64, N)),
    fits.Column(name="c", format="C", array=complexes(np.complex64, np.float32)),
    fits.Column(name="m", format="M", array=complexes(np.complex128, np.float64)),
    fits.Column(name="a", format="12A", array=strings),
    fits.Column(name="i4", format="4I", array=ints(np.int16, (N, 4))),
    fits.Column(name="e6", format="6E", dim="(3,2)", array=floats(np.float32, (N, 2, 3))),
    fits.Column(name="pj", format="PJ()", array=vla_j),
    fits.Column(name="qd", format="QD()", array=vla_d),
]
# cards set on the header after writing, so that the stored values stay as written
bin_cards = {"TZERO6": -128, "TZERO8": 32768, "TZERO10": 2147483648, "TZERO12": 9223372036854775808,
             "TSCAL13": 0.5, "TZERO13": 10.0, "TSCAL15": 2.0, "TZERO15": 1.0}

ascii = [
    fits.Column(name="i", format="I6", null="-999", array=np.array([(i * 7919) % 20000 - 9999 for i in range(N)])),
    fits.Column(name="f", format="F10.3", array=np.round(rng.normal(0, 100, N), 3)),
    fits.Column(name="e", format="E14.6", array=rng.normal(0, 1e20, N)),
    fits.Column(name="d", format="D20.12", null="NULL", array=rng.normal(0, 1e-100, N)),
    fits.Column(name="a", format="A8", array=np.array(["s%d" % i + " " * (i % 3) for i in range(N)])),
    fits.Column(name="is", format="I8", array=np.arange(N) * 3 - 20),
]
asc_cards = {"TSCAL6": 0.5, "TZERO6": 3.0}

def write(name, hdu, cards, patches):
    path = os.path.join(out, name + ".fits")
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(path, overwrite=True)
    with fits.open(path) as hdul:
        info = hdul.fileinfo(1)
        header = hdul[1].header.copy()
        fields = hdul[1].data.view(np.ndarray).dtype.fields if hdu.header["XTENSION"] == "BINTABLE" else None
    raw = bytearray(open(path, "rb").read())
    width = header["NAXIS1"]
    for row, col, value in patches:
        at = fields[col][1] if fields else header["TBCOL%d" % col] - 1
        start = info["datLoc"] + row * width + at
        raw[start:start + len(value)] = value
    for k, v in cards.items():
        header[k] = v
    with open(path, "wb") as f:
        f.write(raw[:info["hdrLoc"]])
        f.write(header.tostring().encode("ascii"))
        f.write(raw[info["datLoc"]:])
    with open(path, "rb") as f, gzip.open(path + ".gz", "wb") as g:
        shutil.copyfileobj(f, g)
    return path

bin_path = write("bin", fits.BinTableHDU.from_columns(binary), bin_cards, [
    (2, "l", b"\0"), (7, "l", b"\0"), (3, "l3", b"\0"),
    (5, "a", b"ab  \0\0\0\0\0\0\0\0"), (6, "a", b" " * 12), (8, "a", b"a\0b \0\0\0\0\0\0\0\0"),
    (9, "a", b"tab\t  \0\0\0\0\0\0")])
asc_path = write("asc", fits.TableHDU.from_columns(ascii), asc_cards, [
    (1, 4, b"NULL".rjust(20)), (2, 3, b" " * 14), (3, 1, b"-999".rjust(6)), (4, 1, b" " * 6)])

def num(x):
    return repr(float(x)) if isinstance(x, (float, np.floating)) else str(int(x))

def hexs(s):
    return (s.encode("utf-8") if isinstance(s, str) else bytes(s)).hex() or "-"

def tokens(values):
    return " ".join(values)

def column_lines(hdu, rows, name):
    col = hdu.columns[name]
    fmt = str(col.format)
    data = hdu.data
    raw = data.view(np.ndarray)[name][rows]
    theirs = data[name][rows]
    header = hdu.header
    n = hdu.columns.names.index(name) + 1
    zero, scale = float(header.get("TZERO%d" % n, 0)), float(header.get("TSCAL%d" % n, 1))
    null = header.get("TNULL%d" % n)
    if isinstance(hdu, fits.TableHDU):
        kind = "ascii-str" if fmt.startswith("A") else "ascii-num"
        raws = [r.decode("ascii") for r in raw]
        if kind == "ascii-str":
            return kind, [hexs(r.rstrip()) for r in raws], [], [hexs(t) for t in theirs]
        exact = []
        for r in raws:
            s = r.strip()
            if s == "" or (null is not None and s == str(null).strip()):
                exact.append("nan")
            else:
                exact.append(repr(float(s.replace("D", "E")) * scale + zero if (scale, zero) != (1.0, 0.0)
                                  else float(s.replace("D", "E"))))
        return kind, [hexs(r) for r in raws], exact, [num(t) for t in np.ravel(theirs)]
    code = fmt.lstrip("0123456789")[0]
    if code in "PQ":
        return "vla", [], [], ["%d:%s" % (len(a), ",".join(num(v) for v in a)) for a in theirs]
    if code == "L":
        return "logical", [str(int(v)) for v in np.ravel(raw)], [], [str(bool(v)) for v in np.ravel(theirs)]
    if code == "X":
        return "bit", [], [], [str(int(v)) for v in np.ravel(theirs)]
    if code == "A":
        return "string", [hexs(v) for v in np.ravel(raw)], [], [hexs(v) for v in np.ravel(theirs)]
    if code in "CM":
        flat = np.ravel(theirs)
        return "complex", [], [], [num(p) for v in flat for p in (v.real, v.imag)]
    stored = np.ravel(raw)
    exact = stored.astype(np.float64) * scale + zero if (scale, zero) != (1.0, 0.0) else stored.astype(np.float64)
    if null is not None:
        exact = np.where(stored == null, np.nan, exact)
    return "numeric", [num(v) for v in stored], [num(v) for v in exact], [num(v) for v in np.ravel(theirs)]

selections = {
    "bin": [(0, -1, "*"), (3, 7, "*"), (24, 1, "*"), (10, 0, "*"), (20, 100, "*"),
            (0, -1, "j,pj"), (5, 9, "a,e6,qd,l"), (0, -1, "#21,#3,#12"), (2, 2, "u64,bs,u16,u32,js,es,m,c")],
    "asc": [(0, -1, "*"), (1, 4, "*"), (0, -1, "d,a"), (3, 10, "#6,#1")],
}
for name, path in (("bin", bin_path), ("asc", asc_path)):
    with fits.open(path) as hdul:
        hdu = hdul[1]
        for first, count, cols in selections[name]:
            rows = slice(first, None if count < 0 else first + count)
            print("case", name, first, count, cols)
            if cols == "*":
                names = hdu.columns.names
            elif cols.startswith("#"):
                names = [hdu.columns.names[int(c[1:]) - 1] for c in cols.split(",")]
            else:
                names = cols.split(",")
            for c in names:
                kind, raw, exact, theirs = column_lines(hdu, rows, c)
                print("col", c, kind, "|", tokens(raw), "|", tokens(exact), "|", tokens(theirs))

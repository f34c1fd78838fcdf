"""A cube cutout with astropy + fsspec the way astrocut reads cloud cubes: the cube opened lazily
through fsspec (block_size 10,000 as astrocut sets it), the image HDU's .section read one cutout row
per task in a thread pool.

    python3 bench/python/astrocut_fsspec_cutout.py URL ROW0 COL0 HEIGHT WIDTH THREADS [BLOCK_SIZE]

THREADS = 1 reads the whole box with one .section call. With BENCH_ROUNDS=k in the environment the
cutout is made k times in one process and the last is timed (a warm process). Prints
"SCAN_SECONDS s FILES 1 FAILED 0 SUM x" like the Java contenders (SUM: the sum of the 32-bit patterns of
every value read, exact and order-free, to check that every contender read the same pixels).
"""
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from astropy.io import fits


def cutout(url, row0, col0, height, width, threads, kwargs):
    with fits.open(url, use_fsspec=True, lazy_load_hdus=True, **kwargs) as hdul:
        section = hdul[1].section
        if threads == 1:
            return np.asarray(section[row0:row0 + height, col0:col0 + width, :, :])
        with ThreadPoolExecutor(max_workers=threads) as pool:
            rows = list(pool.map(lambda r: np.asarray(section[r, col0:col0 + width, :, :]),
                                 range(row0, row0 + height)))
        return np.stack(rows)


def main():
    url = sys.argv[1]
    row0, col0, height, width, threads = (int(a) for a in sys.argv[2:7])
    kwargs = {"fsspec_kwargs": {"block_size": int(sys.argv[7])}} if len(sys.argv) > 7 else {}
    rounds = int(os.environ.get("BENCH_ROUNDS", "1"))   # > 1: the last round is timed (a warm process)
    for _ in range(rounds):
        start = time.perf_counter()
        box = cutout(url, row0, col0, height, width, threads, kwargs)
        seconds = time.perf_counter() - start
    total = int(np.sum(box.astype(">f4").view(">u4").astype(np.uint64)))
    print(f"SCAN_SECONDS {seconds:.3f} FILES 1 FAILED 0 SUM {total} SHAPE {box.shape}")


if __name__ == "__main__":
    main()

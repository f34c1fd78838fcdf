"""astropy + fsspec as a user would write it: open each URL lazily and read every header.

    python3 bench/python/astropy_fsspec.py URL_LIST C [BLOCK_SIZE]

C files at once in a thread pool; BLOCK_SIZE unset = fsspec's defaults, 10000 = astrocut's tuned
block size. Prints "SCAN_SECONDS s FILES n FAILED f HDUS h" like the Java contenders.
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from astropy.io import fits


def headers(url, kwargs):
    with fits.open(url, use_fsspec=True, lazy_load_hdus=True, **kwargs) as hdul:
        return sum(1 for hdu in hdul if len(hdu.header) >= 0)


def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    concurrency = int(sys.argv[2])
    kwargs = {}
    if len(sys.argv) > 3:
        kwargs["fsspec_kwargs"] = {"block_size": int(sys.argv[3])}
    failed = 0
    hdus = 0
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(headers, url, kwargs) for url in urls]
        for url, future in zip(urls, futures):
            try:
                hdus += future.result()
            except Exception as e:  # one broken file must not stop the others
                failed += 1
                print(f"{url}: {e!r}", file=sys.stderr)
    seconds = time.perf_counter() - start
    print(f"SCAN_SECONDS {seconds:.3f} FILES {len(urls)} FAILED {failed} HDUS {hdus}")


if __name__ == "__main__":
    main()

"""astropy + fsspec as a user would write it: open each URL lazily and read every header.

    python3 bench/python/astropy_fsspec.py URL_LIST C [BLOCK_SIZE]

C files at once in a thread pool; BLOCK_SIZE unset = fsspec's defaults, 10000 = astrocut's tuned
block size. Prints "SCAN_SECONDS s FILES n FAILED f HDUS h" like the Java contenders.
"""
import sys

from astropy.io import fits

from contender import in_thread_pool


def headers(url, kwargs):
    with fits.open(url, use_fsspec=True, lazy_load_hdus=True, **kwargs) as hdul:
        return sum(1 for hdu in hdul if len(hdu.header) >= 0)


def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    kwargs = {}
    if len(sys.argv) > 3:
        kwargs["fsspec_kwargs"] = {"block_size": int(sys.argv[3])}
    in_thread_pool(urls, int(sys.argv[2]), lambda url: headers(url, kwargs))


if __name__ == "__main__":
    main()

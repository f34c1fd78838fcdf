"""The strongest Python design we know, as tess-cloud writes it: asyncio + aiohttp, one speculative
34,560-byte GET per file (follow-up GETs only where a header goes on or another begins), headers
parsed with astropy's Header.fromstring, at most C files at once (a semaphore).

    /usr/bin/python3 bench/python/aiohttp_speculative.py URL_LIST C

Prints "SCAN_SECONDS s FILES n FAILED f HDUS h" like the other contenders.
"""
import asyncio
import re
import sys
import time

import aiohttp

from contender import report
from fits_walk import HduWalk

TOTAL = re.compile(r"bytes \d+-\d+/(\d+)")


async def scan(session, semaphore, url):
    async with semaphore:
        size = [None]

        async def read(offset, length):
            async with session.get(url, headers={"Range": f"bytes={offset}-{offset + length - 1}"}) as r:
                if r.status == 416:
                    return b""
                if r.status != 206:
                    raise IOError(f"HTTP {r.status}")
                m = TOTAL.match(r.headers.get("Content-Range", ""))
                if m:
                    size[0] = int(m.group(1))
                return await r.read()

        walk = HduWalk()
        while (wanted := walk.next_read()) is not None:
            data = await read(*wanted)
            walk.feed(data, size[0])
        return walk.hdus


async def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    concurrency = int(sys.argv[2])
    semaphore = asyncio.Semaphore(concurrency)
    start = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        outcomes = await asyncio.gather(*(scan(session, semaphore, u) for u in urls), return_exceptions=True)
    report(urls, outcomes, time.perf_counter() - start)


if __name__ == "__main__":
    asyncio.run(main())

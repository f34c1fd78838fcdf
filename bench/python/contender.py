"""What every Python contender prints, and the thread-pool loop two of them share."""
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def report(urls, outcomes, seconds):
    """Prints "SCAN_SECONDS s FILES n FAILED f HDUS h" like the Java contenders; an outcome is an HDU count or an exception."""
    failed = hdus = 0
    for url, outcome in zip(urls, outcomes):
        if isinstance(outcome, BaseException):  # one broken file must not stop the others
            failed += 1
            print(f"{url}: {outcome!r}", file=sys.stderr)
        else:
            hdus += outcome
    print(f"SCAN_SECONDS {seconds:.3f} FILES {len(urls)} FAILED {failed} HDUS {hdus}")


def in_thread_pool(urls, concurrency, scan):
    """scan(url) -> HDU count for every URL, C at once in a thread pool, then the report."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(scan, url) for url in urls]
        outcomes = []
        for future in futures:
            try:
                outcomes.append(future.result())
            except Exception as e:
                outcomes.append(e)
    report(urls, outcomes, time.perf_counter() - start)

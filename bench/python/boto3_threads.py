"""What an S3 user writes with boto3: a thread pool of C, one client shared by the threads (boto3's
clients are thread-safe) with C pooled connections, ranged GetObject calls: one speculative 34,560-byte
read per file and follow-up reads only where a header goes on or another begins; headers parsed with
astropy's Header.fromstring.

    /usr/bin/python3 bench/python/boto3_threads.py URL_LIST C ENDPOINT

URL_LIST holds s3://bucket/key lines; requests are anonymous (the bench's bucket is public).
Prints "SCAN_SECONDS s FILES n FAILED f HDUS h" like the other contenders.
"""
import sys
from urllib.parse import unquote, urlparse

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from contender import in_thread_pool
from fits_walk import HduWalk


def scan(client, url):
    parsed = urlparse(url)
    bucket, key = parsed.netloc, unquote(parsed.path.lstrip("/"))
    size = [None]

    def read(offset, length):
        try:
            r = client.get_object(Bucket=bucket, Key=key, Range=f"bytes={offset}-{offset + length - 1}")
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") == "InvalidRange":
                return b""
            raise
        size[0] = int(r["ContentRange"].rsplit("/", 1)[1])
        return r["Body"].read()

    walk = HduWalk()
    while (wanted := walk.next_read()) is not None:
        data = read(*wanted)
        walk.feed(data, size[0])
    return walk.hdus


def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    concurrency = int(sys.argv[2])
    client = boto3.client("s3", endpoint_url=sys.argv[3], region_name="us-east-1",
                          config=Config(signature_version=UNSIGNED, max_pool_connections=concurrency,
                                        s3={"addressing_style": "path"}, retries={"max_attempts": 3}))
    in_thread_pool(urls, concurrency, lambda url: scan(client, url))


if __name__ == "__main__":
    main()

"""Sandbox figures: persona build time (demo and --scale), start-to-first-answer, and paging throughput.

Run: ``.venv/bin/python bench/bench_sandbox.py [--scale N]``. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selfaudit.sandbox import Sandbox, build_persona  # noqa: E402
from selfaudit.sandbox.server import wait_ready  # noqa: E402


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def _page_all_records(base: str) -> tuple[int, float]:
    start, count, cursor = time.perf_counter(), 0, ""
    while True:
        page = json.loads(_get(f"{base}/xrpc/com.atproto.repo.listRecords?repo=talia.test"
                               f"&collection=app.bsky.feed.post&limit=100&cursor={cursor}"))
        if not page["records"]:
            return count, time.perf_counter() - start
        count += len(page["records"])
        cursor = page["cursor"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000)
    args = parser.parse_args(argv or [])
    start = time.perf_counter()
    persona = build_persona()
    built = time.perf_counter() - start
    with Sandbox(port=0, persona=persona) as sb:
        ready = wait_ready(sb)
        print(f"demo persona: {len(persona.items)} items built in {built:.2f} s; first answer after {ready:.3f} s")
        count, took = _page_all_records(sb.base_url)
        print(f"demo listRecords: {count} posts in {took:.2f} s")
    start = time.perf_counter()
    big = build_persona(seed=1, scale=args.scale)
    built = time.perf_counter() - start
    with Sandbox(port=0, persona=big) as sb:
        count, took = _page_all_records(sb.base_url)
    print(f"--scale {args.scale}: {len(big.items)} items built in {built:.2f} s; "
          f"listRecords {count} posts in {took:.2f} s ({count / took:.0f} records/s)")


if __name__ == "__main__":
    main(sys.argv[1:])

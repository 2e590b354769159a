"""Crawl benchmark: throughput and peak memory on a large sandbox persona, and the no-change re-crawl.

Usage: ``python bench/bench_crawl.py [--scale 20000] [--javascript]``. It starts the
sandbox on 127.0.0.1, crawls every persona account with ``--fast`` into a fresh
data folder, then crawls again without changes. Targets (issue 4): 20,000 posts
in under 60 s and 500 MB, and a re-crawl at least 10x faster than the first.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from selfaudit.crawler.runner import run_crawl  # noqa: E402
from selfaudit.sandbox.persona import build_persona  # noqa: E402
from selfaudit.sandbox.server import Sandbox  # noqa: E402

from selfaudit.config import BlueskyConfig, CrawlConfig, Settings  # noqa: E402
from selfaudit.handles import parse_handle  # noqa: E402
from selfaudit.store import Store  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20000, help="bulk posts in the persona (default 20000)")
    parser.add_argument("--javascript", action="store_true", help="allow Chromium for JavaScript-only pages")
    args = parser.parse_args(argv or [])
    persona = build_persona(scale=args.scale)
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-") as tmp, Sandbox(port=0, persona=persona) as sb:
        settings = Settings(accounts=tuple(parse_handle(s) for s in sb.handle_specs()), data_dir=Path(tmp),
                            crawl=CrawlConfig(fast=True, javascript=args.javascript),
                            bluesky=BlueskyConfig(plc_url=sb.base_url + "/plc", appview_url=None))
        start = time.perf_counter()
        first = run_crawl(settings, fast=True)
        first_s = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with Store.open(settings.db_path) as store:
            posts = sum(1 for _ in store.iter_posts())
        start = time.perf_counter()
        second = run_crawl(settings, fast=True)
        second_s = time.perf_counter() - start
    expected = len(sb.truth()["items"])
    print(f"persona: {expected} items (scale {args.scale}); first crawl: {first.status}, second: {second.status}")
    print(f"first crawl: {posts} posts in {first_s:.1f} s = {posts / first_s:.0f} posts/s")
    print(f"peak memory of the crawl process: {peak_mb:.0f} MB")
    print(f"no-change re-crawl: {second_s:.1f} s = {first_s / second_s:.1f}x faster")
    ok = posts == expected and first_s < 60 and peak_mb < 500 and first_s / second_s >= 10
    print("targets (<60 s, <500 MB, >=10x, every item):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

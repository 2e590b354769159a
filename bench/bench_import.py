"""Import throughput: a generated 100,000-post X archive (target: under 30 s on the 2-core machine).

Run: ``.venv/bin/python bench/bench_import.py [--posts N]``. Prints the archive
size, parse and write times, and posts per second. Nothing leaves the temp dir.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selfaudit.crawler.importers.core import parse_archive, write_bundles  # noqa: E402
from selfaudit.crawler.importers.source import open_source  # noqa: E402

from selfaudit.store import Store  # noqa: E402

WORDS = ("the meeting on climate action went well today and we talked about water access in the region "
         "with colleagues from several agencies great coffee long day vote election policy report").split()


def _tweet(i: int, rng: random.Random, start: datetime) -> dict[str, object]:
    when = (start + timedelta(minutes=7 * i)).strftime("%a %b %d %H:%M:%S +0000 %Y")
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
    tid = str(1_500_000_000_000_000_000 + i)
    urls, fields = [], {}
    if i % 5 == 0:
        urls = [{"url": f"https://t.co/a{i}", "expanded_url": f"https://news.example/{i}",
                 "display_url": f"news.example/{i}", "indices": ["0", "23"]}]
        text += f" https://t.co/a{i}"
    if i % 7 == 0:
        text = f"RT @someone{i % 50}: {text}"
    elif i % 3 == 0:
        fields = {"in_reply_to_status_id_str": str(int(tid) - 1), "in_reply_to_user_id_str": str(i % 90),
                  "in_reply_to_screen_name": f"user{i % 90}"}
        text = f"@user{i % 90} {text} &amp; more"
    return {"tweet": {"id_str": tid, "id": tid, "created_at": when, "full_text": text, "lang": "en",
                      "favorite_count": str(i % 13), "retweet_count": "0", "retweeted": False, "truncated": False,
                      "display_text_range": ["0", str(len(text))], "source": "<a href=\"x\">Web</a>",
                      "entities": {"hashtags": [{"text": "sdg", "indices": ["0", "4"]}] if i % 11 == 0 else [],
                                   "user_mentions": [], "symbols": [], "urls": urls}, **fields}}


def make_archive(path: Path, posts: int) -> Path:
    """A zip in the 2023 X layout with ``posts`` tweets, an account.js and a manifest."""
    rng = random.Random(42)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    tweets = [_tweet(i, rng, start) for i in range(posts)]
    account = [{"account": {"email": "bench@example.org", "username": "bench", "accountId": "1",
                            "createdAt": "2015-01-01T00:00:00.000Z", "accountDisplayName": "Bench"}}]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2))
        zf.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(account))
    return path


def main(argv: list[str] | None = None) -> None:
    """Print import throughput; ``python -m bench`` calls this without arguments."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args([] if argv is None else argv)
    with tempfile.TemporaryDirectory() as tmp:
        archive = make_archive(Path(tmp) / "twitter-bench.zip", args.posts)
        with Store.open(Path(tmp) / "data" / "selfaudit.db") as store:
            t0 = time.perf_counter()
            with open_source(archive) as source:
                platform, bundles = parse_archive(source, store=store)
            t1 = time.perf_counter()
            result = write_bundles(store, bundles, path=str(archive), platform=platform)
            t2 = time.perf_counter()
            again = parse_archive(open_source(archive), store=store)[1]
            write_bundles(store, again, path=str(archive), platform=platform)
            t3 = time.perf_counter()
        total = t2 - t0
        print(f"archive: {archive.stat().st_size / 2**20:.1f} MiB zip, {result.posts} posts")
        print(f"parse {t1 - t0:.2f} s, write {t2 - t1:.2f} s, total {total:.2f} s "
              f"-> {result.posts / total:,.0f} posts/s (target: 100,000 posts < 30 s)")
        print(f"re-import of the same archive: {t3 - t2:.2f} s, {result.inserted} then 0 new")


if __name__ == "__main__":
    main(sys.argv[1:])

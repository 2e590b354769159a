"""Report render time for 10,000 posts / 1,000 findings (targets: HTML < 5 s and < 10 MB, PDF < 30 s).

Builds a synthetic store in a temporary folder (not timed), then times
``build_report`` (store read + context + Jinja + write) and the PDF print and
encryption of the same page. Run: ``python -m bench bench_report``.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from pathlib import Path

N_POSTS = 10_000
N_FINDINGS = 1_000
CONCERNS = ("partisan-politics", "confidential-info", "security-risk", "privacy-of-others", "un-name-emblem",
            "workplace-grievance", "offensive-conduct", "unauthorized-statement", "unbefitting-conduct")
WORDS = ("vote", "party", "convoy", "compound", "mission", "office", "colleague", "refugee", "election", "campaign",
         "weekend", "dinner", "report", "memo", "director", "photo", "beach", "river", "road", "city", "hall")


def _fill(path: Path, rng: random.Random) -> None:
    from selfaudit.store import Store

    accounts = [("mastodon", "ana@social.example"), ("bluesky", "ana.bsky.social"), ("x", "ana_solis")]
    with Store.open(path) as store:
        posts = []
        for i in range(N_POSTS):
            platform, handle = accounts[i % 3]
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 45)))
            posts.append({"platform": platform, "account": handle, "native_id": f"{platform}-{i}",
                          "url": f"https://{platform}.example/{i}", "kind": rng.choice(("original", "original", "reply", "repost", "like")),
                          "created_at": f"{2012 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z", "text": text,
                          "media_alt": ["a photo of a river"] if i % 7 == 0 else [], "source": "archive" if platform == "x" else "crawl"})
        store.upsert_posts(posts)
        rows = list(store.iter_posts())
        flagged = rng.sample(rows, N_FINDINGS - 50)
        results = {}
        for n, post in enumerate(flagged):
            concerns = rng.sample(CONCERNS, 2 if n < 50 else 1)
            results[post["id"]] = (post["content_hash"], [
                {"concern": c, "severity": rng.choice(("high", "medium", "medium", "low", "info")), "score": rng.random(),
                 "timing": rng.choice(("pre-appointment", "post-appointment")), "action": rng.choice(("delete", "edit", "unlike")),
                 "explanation": {"reason": f"The post mentions {' and '.join(post['text'].split()[:2])}.",
                                 "triggers": post["text"].split()[:3], "exemplar": "", "evidence": []}}
                for c in concerns])
        store.replace_post_findings("un-secretariat", results)
        run = store.start_run("verify")
        for post in flagged[:300]:
            store.record_verification(post["id"], status=rng.choice(("gone", "present", "error")), run_id=run)
        store.finish_run(run)


def main() -> None:
    from pypdf import PdfReader
    from selfaudit.reports.build import build_report
    from selfaudit.reports.pdf import encrypt_pdf, html_to_pdf

    from selfaudit.store import Store

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        _fill(db, rng)
        print(f"store filled with {N_POSTS} posts / {N_FINDINGS} findings in {time.perf_counter() - start:.1f} s (not counted)")
        with Store.open(db, readonly=True) as store:
            start = time.perf_counter()
            result = build_report(store, html_path=Path(tmp) / "r.html", name="Bench", appointment_date="2020-06-01")
            html_s = time.perf_counter() - start
            html = result.html_path.read_text(encoding="utf-8")
        mb = result.html_bytes / 1e6
        print(f"html: {html_s:.2f} s, {mb:.2f} MB, {result.flagged_posts} flagged posts "
              f"(target < 5 s, < 10 MB) {'OK' if html_s < 5 and mb < 10 else 'MISSED'}")
        start = time.perf_counter()
        pdf = html_to_pdf(html, timeout_ms=300_000)
        pdf_s = time.perf_counter() - start
        start = time.perf_counter()
        encrypted = encrypt_pdf(pdf, "bench-password")
        enc_s = time.perf_counter() - start
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"pdf: {pdf_s:.1f} s print + {enc_s:.1f} s AES-256, {pages} pages, {len(encrypted) / 1e6:.1f} MB "
              f"(target < 30 s) {'OK' if pdf_s + enc_s < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()

"""``verify`` fetches through the same URL policy as the crawler, redirects included."""

from __future__ import annotations

from pathlib import Path

import pytest
from selfaudit.reports.verify import urllib_fetch, verify_posts

from selfaudit.store import Store
from tests.crawler.loopsite import Site, serve


def test_redirects_and_targets_pass_the_url_policy() -> None:
    site = Site(routes={"/ok": (200, {}, b"hi"), "/to-metadata": (302, {"Location": "http://169.254.169.254/"}, b""),
                        "/to-zero": (301, {"Location": "http://0.0.0.0/"}, b"")})
    with serve(site):
        assert urllib_fetch(site.base + "/ok", {}, 5, allow_loopback=True)[0] == 200
        for path in ("/to-metadata", "/to-zero"):
            with pytest.raises(OSError, match="refused redirect"):
                urllib_fetch(site.base + path, {}, 5, allow_loopback=True)
        with pytest.raises(OSError, match="refusing"):
            urllib_fetch(site.base + "/ok", {}, 5)  # loopback is not named by this run
        assert site.log.count("/ok") == 1


def test_a_stored_post_pointing_into_the_private_network_is_not_fetched(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.upsert_posts([{"platform": "web", "account": "https://site.example/", "native_id": "https://site.example/a",
                             "url": "http://10.0.0.7/a", "created_at": None, "kind": "page", "text": "t"}])
        found = {"concern": "partisan-politics", "severity": "medium", "score": 0.7, "timing": None,
                 "explanation": {"reason": "r"}, "action": "delete"}
        store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [found]) for p in store.iter_posts()})
        summary = verify_posts(store, timeout=1, delay=0.0, sleep=lambda s: None)
    assert summary.errors == 1 and "private" in summary.error_details[0]

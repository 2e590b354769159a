"""The coverage table lists every named account: crawled, imported (with its archive), or NOT covered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfaudit.reports.build import build_report
from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html

from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.reports.conftest import sample_report_data


def _named(*specs: str) -> list[dict[str, str]]:
    return [{"platform": s.platform, "handle": s.handle, "spec": str(s)} for s in map(parse_handle, specs)]


def _data() -> dict[str, Any]:
    data = sample_report_data()
    data["accounts"].append({"id": 3, "platform": "x", "handle": "ana_l", "display_name": "Ana L"})
    data["coverage"].append({"account_id": 3, "posts": 5, "first": "2021-03-02T09:15:00Z",
                             "last": "2022-11-09T07:50:00Z", "sources": ["archive"]})
    data["import_runs"] = [{"id": 9, "kind": "import", "started_at": "2026-11-21T10:00:00Z",
                            "detail": json.dumps({"path": "twitter.zip", "archive_date": "2026-06-30"}),
                            "accounts": [{"account_id": 3, "platform": "x", "handle": "ana_l"}]}]
    data["named"] = _named("@ana@social.example", "bsky:ana.bsky.social", "x:@Ana_L", "instagram:@ana.lopez")
    return data


def test_rows_say_crawled_imported_or_not_covered_with_the_next_step() -> None:
    ctx = build_context(_data())
    rows = {(r["platform"], r["handle"]): r for r in ctx["accounts"]}
    masto = rows[("mastodon", "ana@social.example")]
    assert masto["state"] == "crawled" and masto["covered"]
    sky = rows[("bluesky", "ana.bsky.social")]
    assert sky["state"] == "not-covered" and "could not be read" in sky["reason"] and "selfaudit crawl" in sky["next_step"]
    x = rows[("x", "@ana_l")]
    assert (x["state"], x["archive_date"], x["imported_on"]) == ("imported", "30 Jun 2026", "21 Nov 2026")
    assert (x["first"], x["last"]) == ("2 Mar 2021", "9 Nov 2022")
    ig = rows[("instagram", "@ana.lopez")]
    assert ig["state_label"] == "NOT covered" and ig["posts"] == 0
    assert "cannot be read publicly" in ig["reason"] and "--platform instagram" in ig["next_step"]
    assert "Format: JSON" in ig["next_step"]
    assert ctx["coverage"] == {"accounts": 4, "covered": 2, "not_covered": 2,
                               "missing": ["Bluesky ana.bsky.social", "Instagram @ana.lopez"]}


def test_a_named_account_never_crawled_is_not_covered() -> None:
    data = _data()
    data["named"] += _named("https://blog.example")
    row = build_context(data)["accounts"][-1]
    assert (row["platform"], row["state"], row["reason"]) == ("web", "not-covered", "It has not been crawled yet.")


def test_without_named_accounts_the_store_accounts_are_still_judged() -> None:
    ctx = build_context(sample_report_data())
    assert [r["state"] for r in ctx["accounts"]] == ["crawled", "not-covered"]
    assert ctx["coverage"]["not_covered"] == 1


def test_the_page_warns_that_uncovered_accounts_are_not_clean() -> None:
    html = render_html(build_context(_data()))
    assert "2 of 4 accounts NOT covered:" in html
    assert "no findings there does not mean clean" in html
    assert "archive of 30 Jun 2026" in html
    assert "Next step:" in html and "Download your information" in html


def test_all_covered_shows_no_warning() -> None:
    data = _data()
    data["named"] = data["named"][:1]
    data["coverage"][1]["posts"] = 3
    data["crawl_runs"] = []
    data["accounts"] = data["accounts"][:3]
    ctx = build_context(data)
    assert ctx["coverage"]["not_covered"] == 0
    assert "NOT covered" not in render_html(ctx)


def test_build_report_lists_a_named_closed_account_from_the_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.upsert_posts([{"platform": "mastodon", "account": "t@h.example", "native_id": "1", "kind": "original",
                             "text": "hello", "created_at": "2024-01-01T00:00:00Z", "source": "crawl"}])
        named = [parse_handle("@t@h.example"), parse_handle("https://x.com/talia")]
        result = build_report(store, html_path=tmp_path / "r.html", named=named)
    html = result.html_path.read_text()
    assert "1 of 2 accounts NOT covered:" in html and "X (Twitter) @talia" in html

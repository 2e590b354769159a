"""The crawl summary judges the named accounts, not the sites their bio links lead to (#14 item 12)."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.runner import _finish

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store

SPEC = "mastodon:@me@http://127.0.0.1:9"


def _run(tmp_path: Path, owner_errors: list[str]) -> tuple[Settings, int]:
    settings = Settings(accounts=(parse_handle(SPEC),), data_dir=tmp_path, crawl=CrawlConfig(javascript=False))
    spec = settings.accounts[0]
    with Store.open(settings.db_path) as store:
        run_id = store.start_run("crawl")
        store.upsert_posts([{"platform": "mastodon", "account": spec.handle, "native_id": "1", "kind": "original",
                             "text": "mine", "created_at": "2024-01-01T00:00:00Z"}])
        store.record_account_status(run_id, "mastodon", spec.handle, status="error" if owner_errors else "ok",
                                    items=1, errors=owner_errors)
        store.record_account_status(run_id, "web", "https://news.example", status="ok", items=3)
    return settings, run_id


_RESULTS = [{"spider": "mastodon", "handle": SPEC, "failure": None, "stats": {"finish_reason": "finished"}},
            {"spider": "biolinks", "handle": "biolinks", "failure": None, "stats": {"finish_reason": "finished"}}]


def test_a_failed_bio_link_does_not_fail_the_account(tmp_path: Path) -> None:
    settings, run_id = _run(tmp_path, ["bio link https://gone.example/: HTTP 500"])
    outcome = _finish(settings, run_id, _RESULTS, 0, "")
    assert outcome.status == "ok"
    [account] = outcome.accounts
    assert account.status == "ok" and account.errors == ["bio link https://gone.example/: HTTP 500"]


def test_a_linked_site_is_context_not_an_account(tmp_path: Path) -> None:
    settings, run_id = _run(tmp_path, [])
    outcome = _finish(settings, run_id, _RESULTS, 0, "")
    assert [(a.platform, a.handle) for a in outcome.accounts] == [("mastodon", settings.accounts[0].handle)]
    assert [(s.platform, s.handle, s.items) for s in outcome.linked] == [("web", "https://news.example", 3)]


def test_a_real_account_error_still_fails(tmp_path: Path) -> None:
    settings, run_id = _run(tmp_path, ["HTTP 404 for the profile", "bio link https://gone.example/: HTTP 500"])
    outcome = _finish(settings, run_id, _RESULTS, 0, "")
    assert outcome.status == "failed" and outcome.accounts[0].status == "error"

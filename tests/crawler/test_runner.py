"""The crawl runner's reading of spider stats: failures Scrapy's exit code would hide."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.runner import _stat_problems, build_job

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle


def test_clean_stats_have_no_problems() -> None:
    assert _stat_problems({"stats": {"finish_reason": "finished", "spider_exceptions/count": 0}}, 0, "") == []


def test_hidden_failures_are_reported() -> None:
    result = {"failure": None, "stats": {"finish_reason": "finished", "spider_exceptions/KeyError": 2,
                                         "spider_exceptions/count": 2, "selfaudit/unfinished_pages": 1}}
    problems = _stat_problems(result, 0, "")
    assert problems == ["2 x KeyError in the spider", "1 page(s) left unfinished; the next crawl redoes them"]
    assert _stat_problems({"stats": {"finish_reason": "shutdown"}}, 0, "") == ["stopped: shutdown"]


def test_a_child_that_died_is_reported_per_account() -> None:
    [problem] = _stat_problems(None, -9, "2026 [scrapy] INFO: Spider opened\n")
    assert "exit -9" in problem and "Spider opened" in problem


def test_job_has_one_spider_per_account_and_bio_links_for_profiles(tmp_path: Path) -> None:
    specs = ("mastodon:@me@http://127.0.0.1:9", "bsky:me.test@http://127.0.0.1:9", "http://127.0.0.1:9/blog/")
    settings = Settings(accounts=tuple(parse_handle(s) for s in specs), data_dir=tmp_path,
                        crawl=CrawlConfig(javascript=False))
    job = build_job(settings, fast=True, full=False, run_id=4, accounts=settings.accounts)
    assert [j["spider"] for j in job["jobs"]] == ["mastodon", "bluesky", "web"]
    assert job["biolinks"] == {"accounts": [["mastodon", "me@127.0.0.1:9"], ["bluesky", "me.test"]],
                               "skip": ["http://127.0.0.1:9/blog/"]}
    assert job["settings"]["SELFAUDIT_RUN_ID"] == 4 and job["settings"]["DOWNLOAD_DELAY"] == 0.0

"""Scrapy settings built from selfaudit settings: polite by default, locked down always."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler import settings as cs
from selfaudit.crawler.playwright_guard import should_abort

from selfaudit.config import CrawlConfig, Settings


def test_module_defaults_are_polite_and_locked_down() -> None:
    assert cs.ROBOTSTXT_OBEY and cs.AUTOTHROTTLE_ENABLED and cs.CONCURRENT_REQUESTS_PER_DOMAIN == 1
    assert "selfaudit" in cs.USER_AGENT
    assert cs.TELNETCONSOLE_ENABLED is False and cs.REMOTE_CONTROL_ENABLED is False
    assert cs.DOWNLOAD_HANDLERS["file"] is None and cs.DOWNLOAD_HANDLERS["data"] is None
    assert 0 < cs.DOWNLOAD_MAXSIZE <= 64 * 1024 * 1024
    assert cs.TWISTED_REACTOR.endswith("AsyncioSelectorReactor")
    assert 429 not in cs.RETRY_HTTP_CODES  # 429 has its own middleware that honours Retry-After


def test_from_selfaudit_settings(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path, crawl=CrawlConfig(page_limit=7, bio_link_hops=2, javascript=False))
    out = cs.scrapy_settings(s, run_id=3)
    assert out["SELFAUDIT_DB"] == str(tmp_path / "selfaudit.db")
    assert (out["SELFAUDIT_PAGE_LIMIT"], out["SELFAUDIT_BIO_HOPS"], out["SELFAUDIT_RUN_ID"]) == (7, 2, 3)
    assert out["DOWNLOAD_DELAY"] == 1.0 and "AUTOTHROTTLE_ENABLED" not in out
    assert "DOWNLOAD_HANDLERS" not in out  # no browser when JavaScript is off


def test_fast_lifts_delays_only(tmp_path: Path) -> None:
    out = cs.scrapy_settings(Settings(data_dir=tmp_path, crawl=CrawlConfig(javascript=False)), fast=True)
    assert out["DOWNLOAD_DELAY"] == 0.0 and out["AUTOTHROTTLE_ENABLED"] is False
    assert out["ROBOTSTXT_OBEY"] is True


def test_browser_guard_blocks_other_hosts_and_schemes() -> None:
    page = "http://127.0.0.1:8000/links/talia/"
    assert not should_abort("http://127.0.0.1:8000/links/talia/links.json", page_url=page, resource_type="fetch")
    assert should_abort("http://203.0.113.9/steal?c=1", page_url=page, resource_type="fetch")
    assert should_abort("data:text/html,x", page_url=page, resource_type="document")
    assert should_abort("http://127.0.0.1:8000/a.png", page_url=page, resource_type="image")
    assert not should_abort(page, page_url="about:blank", resource_type="document", first_navigation=True)
    # an <iframe> whose frame is still about:blank is not the first navigation (#14)
    assert should_abort("http://other.example/", page_url="about:blank", resource_type="document")

"""Paging plans: resume, full pass or incremental."""

from __future__ import annotations

from scrapy.utils.test import get_crawler
from selfaudit.crawler.spiders.mastodon import MastodonSpider


def _spider(*, full: bool = False) -> MastodonSpider:
    crawler = get_crawler(MastodonSpider, {"SELFAUDIT_FULL": full, "TELNETCONSOLE_ENABLED": False})
    return MastodonSpider.from_crawler(crawler, handle="@me@h.example")


def test_known_posts_without_a_completed_pass_mean_a_full_pass() -> None:
    # a run killed before its first checkpoint leaves posts but no paging state
    spider = _spider()
    spider.known = {"https://h.example/users/me/statuses/1"}
    assert spider.plan("statuses").full


def test_incremental_only_after_a_pass_reached_the_end() -> None:
    spider = _spider()
    spider.known = {"https://h.example/users/me/statuses/1"}
    spider._states["crawl:statuses"] = {"complete": True}
    assert not spider.plan("statuses").full
    assert _spider(full=True).plan("statuses").full


def test_a_saved_position_is_resumed() -> None:
    spider = _spider()
    spider._states["crawl:statuses"] = {"cursor": "55", "full": True, "pass_started": "2026-01-01T00:00:00Z", "complete": True}
    plan = spider.plan("statuses")
    assert plan.resume_cursor == "55" and plan.full and plan.pass_started == "2026-01-01T00:00:00Z"


def test_a_spider_refuses_another_platforms_handle() -> None:
    import pytest

    crawler = get_crawler(MastodonSpider, {"TELNETCONSOLE_ENABLED": False})
    with pytest.raises(ValueError, match="not a mastodon account"):
        MastodonSpider.from_crawler(crawler, handle="bsky:alice.example.com")

"""The Mastodon spider against the sandbox's real formats: the REST API, and ActivityPub when the API is closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler
from selfaudit.crawler.items import AccountStatusItem, CheckpointItem, LinkItem, PostItem, ProfileItem
from selfaudit.crawler.spiders.mastodon import MastodonSpider
from selfaudit.sandbox import Sandbox, build_persona

from tests.crawler.spiders.drive import drive


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        yield sb


def _spider(sandbox: Sandbox, tmp_path: Path, user: str = "un_veloria_hub") -> MastodonSpider:
    crawler = get_crawler(MastodonSpider, {"SELFAUDIT_DB": str(tmp_path / "s.db"), "TELNETCONSOLE_ENABLED": False})
    spider = MastodonSpider.from_crawler(crawler, handle=f"mastodon:@{user}@{sandbox.base_url}")
    crawler.spider = spider
    return spider


def _expected(sandbox: Sandbox, account: str) -> set[str]:
    return {i["native_id"] for i in sandbox.truth()["items"]
            if i["platform"] == "mastodon" and i["account"] == account}


def test_the_api_gives_profile_every_status_and_a_final_checkpoint(sandbox: Sandbox, tmp_path: Path) -> None:
    spider = _spider(sandbox, tmp_path)
    run = drive(spider)
    [profile] = run.of(ProfileItem)
    assert profile.account == spider.account and profile.display_name
    posts = run.of(PostItem)
    assert {p.native_id for p in posts} == _expected(sandbox, spider.account)
    assert len(posts) == 9 and all(p.source == "crawl" and p.created_at for p in posts)
    assert run.of(CheckpointItem)[-1].done
    assert not run.of(AccountStatusItem)
    assert any("/api/v1/accounts/lookup" in url for url in run.fetched)


def test_an_unknown_account_is_one_account_error(sandbox: Sandbox, tmp_path: Path) -> None:
    run = drive(_spider(sandbox, tmp_path, user="nobody"))
    [error] = run.of(AccountStatusItem)
    assert "no such account" in error.error
    assert not run.of(PostItem)


def test_a_closed_api_is_read_through_activitypub(sandbox: Sandbox, tmp_path: Path) -> None:
    spider = _spider(sandbox, tmp_path)
    spider.load_memory()
    closed = TextResponse(f"{spider.base}/api/v1/accounts/lookup", status=401, body=b'{"error":"This API requires an authenticated user"}')
    run = drive(spider, spider.parse_lookup(closed))
    assert run.fetched[0].startswith(f"{spider.base}/.well-known/webfinger")
    assert any("/outbox" in url for url in run.fetched)
    [profile] = run.of(ProfileItem)
    assert profile.account == spider.account
    assert {p.native_id for p in run.of(PostItem)} == _expected(sandbox, spider.account)
    assert all(isinstance(link, LinkItem) and link.origin == "bio" for link in run.of(LinkItem))

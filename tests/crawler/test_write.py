"""One item model and one write path: a crawled and an imported post of the same shape are the same row (#11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selfaudit.crawler.importers import records
from selfaudit.crawler.importers.core import write_bundles
from selfaudit.crawler.items import LinkItem, PostItem, ProfileItem
from selfaudit.crawler.pipelines.store import StorePipeline

from selfaudit.store import Store

_WHEN = {"id", "account_id", "first_seen", "last_seen", "fetched_at"}
FIELDS: dict[str, Any] = {
    "platform": "mastodon", "account": "ana@social.example", "native_id": "https://social.example/users/ana/statuses/1",
    "url": "https://social.example/@ana/1", "created_at": "2024-05-01T12:00:00+02:00", "kind": "reply",
    "text": "Vote for Party X! café 🙂", "html": "<p>Vote for Party X!</p>", "lang": "en", "media_alt": ["a rally"],
    "original_author": None, "original_url": None, "reply_to": "https://other.example/users/bob/statuses/9",
    "edited_at": None, "extra": {"tags": ["vote"], "visibility": "public"},
}
PROFILE: dict[str, Any] = {"platform": "mastodon", "account": "ana@social.example", "display_name": "Ana",
                           "bio": "UN staff. Views my own.", "links": ["https://ana.example"], "email": None,
                           "created_at": "2016-08-01T00:00:00Z", "extra": {"followers": 12}}


def _crawled(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    pipe = StorePipeline(db_path=str(db))
    pipe.open_spider()
    for item in (PostItem(**FIELDS), ProfileItem(**PROFILE),
                 LinkItem(platform="mastodon", account="ana@social.example", url="https://ana.example")):
        pipe.process_item(item)
    pipe.close_spider()
    return _rows(db)


def _imported(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    bundle = records.Bundle("mastodon", "ana@social.example", posts=[records.post(**FIELDS)],
                            profiles=[records.profile(**PROFILE)],
                            links=[records.link(platform="mastodon", account="ana@social.example", url="https://ana.example")])
    with Store.open(db) as store:
        write_bundles(store, [bundle], path="archive.tar.gz", platform="mastodon")
    return _rows(db)


def _rows(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    with Store.open(db) as store:
        posts = [{k: v for k, v in p.items() if k not in _WHEN} for p in store.iter_posts()]
        profiles = [{k: v for k, v in p.items() if k not in _WHEN} for p in store.latest_profiles()]
        links = [{k: v for k, v in p.items() if k not in _WHEN} for p in store.links()]
    return posts, profiles, links


def test_both_routes_build_the_same_item_dataclasses() -> None:
    assert type(records.post(**FIELDS)) is PostItem and type(records.profile(**PROFILE)) is ProfileItem
    assert type(records.link(platform="x", account="a", url="https://a.example")) is LinkItem
    archived = records.post(**FIELDS)
    assert archived.source == "archive" and PostItem(**FIELDS).source == "crawl"
    archived.source = "crawl"
    assert archived == PostItem(**FIELDS)  # the same shape, field for field


def test_a_crawled_and_an_imported_post_of_the_same_shape_are_identical_rows(tmp_path: Path) -> None:
    crawled, imported = _crawled(tmp_path / "crawl.db"), _imported(tmp_path / "archive.db")
    (c_post,), (i_post,) = crawled[0], imported[0]
    # the only difference is where the row came from
    assert (c_post.pop("source"), i_post.pop("source")) == ("crawl", "archive")
    assert c_post == i_post
    assert c_post["created_at"] == "2024-05-01T10:00:00Z" and c_post["media_alt"] == ["a rally"]
    (c_prof,), (i_prof,) = crawled[1], imported[1]
    assert (c_prof.pop("source"), i_prof.pop("source")) == ("crawl", "archive")
    assert {k: v for k, v in c_prof.items() if k != "content_hash"} == \
        {k: v for k, v in i_prof.items() if k != "content_hash"}
    assert crawled[2] == imported[2]


def test_an_archive_copy_joins_the_crawled_row(tmp_path: Path) -> None:
    db = tmp_path / "both.db"
    _crawled(db)
    _imported(db)
    posts, _, links = _rows(db)
    assert len(posts) == 1 and posts[0]["source"] == "crawl" and len(links) == 1

"""Crawled pictures: Mastodon image attachments fetched once, politely, kept privately (#13)."""

from __future__ import annotations

import stat
from pathlib import Path

from selfaudit.crawler.parsers.mastodon import media_urls, parse_status
from selfaudit.crawler.runner import build_job
from selfaudit.sandbox.pictures import party_photo

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.crawler.loopsite import Site, run_child, serve


def test_status_image_attachments_become_media_urls() -> None:
    status = {"uri": "https://h/users/a/statuses/1", "content": "<p>hi</p>", "visibility": "public",
              "media_attachments": [{"type": "image", "url": "https://files.h/a.jpg", "description": "team"},
                                    {"type": "video", "url": "https://files.h/v.mp4"},
                                    {"type": "image", "url": "javascript:alert(1)"}]}
    item = parse_status(status, account="a@h")
    assert item.extra["media_urls"] == ["https://files.h/a.jpg"] and item.media_alt == ["team"]
    assert media_urls(None) == [] and "media_urls" not in parse_status({**status, "media_attachments": []},
                                                                        account="a@h").extra


def _site(photo: bytes) -> Site:
    return Site(routes={
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/files/a.jpg": (200, {"Content-Type": "image/jpeg"}, photo),
        "/files/page.html": (200, {"Content-Type": "text/html"}, b"<p>not a picture</p>"),
        "/private/b.jpg": (200, {"Content-Type": "image/jpeg"}, photo),
    })


def test_pictures_fetched_once_within_robots_and_kept_private(tmp_path: Path) -> None:
    photo = party_photo(people=2, lat=-1.3, lon=36.8)
    with serve(_site(photo)) as site:
        spec = parse_handle(f"mastodon:@me@{site.base}")
        settings = Settings(accounts=(spec,), data_dir=tmp_path, crawl=CrawlConfig(fast=True, javascript=False))
        urls = [site.base + p for p in ("/files/a.jpg", "/files/page.html", "/private/b.jpg", "/files/gone.jpg")]
        with Store.open(settings.db_path) as store:
            store.upsert_posts([{"platform": "mastodon", "account": spec.handle, "native_id": "https://h/s/1",
                                 "kind": "original", "text": "party", "created_at": "2024-01-01T00:00:00Z",
                                 "extra": {"media_urls": urls}}])
        job = build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts)
        assert job["media"] == {"accounts": [["mastodon", spec.handle]]}
        job["jobs"], job["biolinks"] = [], None  # only the media spider
        for _ in range(2):
            run_child(job, tmp_path)
        assert site.log.count("/files/a.jpg") == 1  # never fetched again once kept
        assert "/private/b.jpg" not in site.log  # robots.txt holds for pictures too
    with Store.open(settings.db_path) as store:
        (row,) = store.media()
        assert row["origin"] == site.base + "/files/a.jpg"
        path = store.media_path(row["file"])
        assert path.read_bytes() == photo and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_bluesky_image_blobs() -> None:
    from selfaudit.crawler.parsers.bluesky import parse_post_record

    images = {"$type": "app.bsky.embed.images", "images": [
        {"alt": "team", "image": {"$type": "blob", "ref": {"$link": "bafkreiabc"}, "mimeType": "image/jpeg", "size": 9}},
        {"alt": "", "image": {"cid": "bafkreiold", "mimeType": "image/png"}},
        {"alt": "", "image": {"ref": {"$link": "../../etc"}, "mimeType": "image/png"}},
        {"alt": "", "image": {"ref": {"$link": "bafkreivid"}, "mimeType": "video/mp4"}}]}
    record = {"uri": "at://did:plc:x/app.bsky.feed.post/1", "cid": "c",
              "value": {"text": "hi", "createdAt": "2024-01-01T00:00:00Z", "embed": images}}
    item = parse_post_record(record, account="me.test")
    assert item.extra["blobs"] == ["bafkreiabc", "bafkreiold"] and item.media_alt == ["team"]
    quote = {"$type": "app.bsky.embed.recordWithMedia", "media": images,
             "record": {"record": {"uri": "at://did:plc:y/app.bsky.feed.post/2"}}}
    item = parse_post_record({**record, "value": {**record["value"], "embed": quote}}, account="me.test")
    assert item.extra["blobs"] == ["bafkreiabc", "bafkreiold"] and item.kind == "quote"


def test_only_the_users_own_pages_name_pictures_to_fetch(tmp_path: Path) -> None:
    from selfaudit.crawler.spiders.media import wanted_media

    db = str(tmp_path / "selfaudit.db")

    def page(account: str, path: str, **extra: object) -> dict[str, object]:
        return {"platform": "web", "account": account, "native_id": f"https://{path}", "kind": "page", "text": path,
                "created_at": "2024-01-01T00:00:00Z", "extra": {"media_urls": [f"https://{path}a.jpg"], **extra}}

    with Store.open(db) as store:
        store.upsert_posts([
            page("https://me.example/", "me.example/post/"),  # her configured site
            page("https://cv.example/", "cv.example/", owned_by="rel-me", found_via="mastodon:me@h"),  # her CV
            page("https://news.example/", "news.example/story/", found_via="mastodon:me@h"),  # no ownership proof
            page("https://pal.example/", "pal.example/", owned_by="rel-me", found_via="mastodon:pal@h"),  # not via her
        ])
    owners = [("mastodon", "me@h"), ("web", "https://me.example/")]
    assert sorted(url for *_, url in wanted_media(db, owners)) == ["https://cv.example/a.jpg",
                                                                   "https://me.example/post/a.jpg"]

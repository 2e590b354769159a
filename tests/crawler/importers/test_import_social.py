"""Mastodon archives (generated) and Bluesky CAR exports (real indigo samples)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selfaudit.crawler.importers import bluesky, mastodon
from selfaudit.crawler.importers.core import import_archive
from selfaudit.crawler.importers.source import open_source

from selfaudit.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "archives"


@pytest.fixture
def masto(tmp_path: Path, gen: Any) -> Path:
    return gen.write_tgz(gen.mastodon_files(), tmp_path / "archive-20240501120000-0123456789abcdef.tar.gz")


def test_mastodon_archive_posts(masto: Path) -> None:
    src = open_source(masto)
    (bundle,) = mastodon.parse_archive(src, mastodon.find_root(src.names()))
    assert bundle.account == "ana@social.example"
    posts = {p.native_id: p for p in bundle.posts}
    first = posts["https://social.example/users/ana/statuses/1"]  # the Note id, as the crawler keys it
    assert first.text == "Support Party X!" and first.lang == "en"
    assert first.media_alt == ["a rally"] and first.extra["tags"] == ["vote"]
    assert first.url == "https://social.example/@ana/1" and first.extra["visibility"] == "public"
    reply = posts["https://social.example/users/ana/statuses/2"]
    assert reply.kind == "reply" and reply.reply_to == "https://other.example/users/bob/statuses/9"
    assert posts["https://social.example/users/ana/statuses/3"].extra["visibility"] == "private"
    assert "https://social.example/users/ana/statuses/4" not in posts  # direct message dropped
    boost = posts["https://social.example/users/ana/statuses/5/activity"]
    assert boost.kind == "repost" and boost.original_url == "https://other.example/users/bob/statuses/77"
    like = posts["like:https://other.example/users/bob/statuses/88"]
    assert like.kind == "like"
    assert bundle.notes == ["1 direct messages were left out"]
    (prof,) = bundle.profiles
    assert prof.bio.startswith("UN staff") and set(prof.links) == {"https://ana.example", "https://blog.example"}


def test_mastodon_folder_and_zip_match_tar(tmp_path: Path, gen: Any, masto: Path) -> None:
    folder = gen.write_dir({f"archive/{k}": v for k, v in gen.mastodon_files().items()}, tmp_path / "unpacked")
    zipped = gen.write_zip(gen.mastodon_files(), tmp_path / "m.zip")
    ids = []
    for path in (masto, folder, zipped):
        src = open_source(path)
        (bundle,) = mastodon.parse_archive(src, mastodon.find_root(src.names()))
        ids.append(sorted(p.native_id for p in bundle.posts))
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 5


def test_archive_and_crawl_share_one_row(masto: Path, store: Store) -> None:
    crawled = {"platform": "mastodon", "account": "ana@social.example", "source": "crawl", "kind": "original",
               "native_id": "https://social.example/users/ana/statuses/1", "created_at": "2024-05-01T12:00:00Z",
               "text": "Support Party X!"}
    store.upsert_posts([crawled])
    result = import_archive(masto, store=store)
    assert result.accounts[0].unchanged == 1 and result.accounts[0].inserted == 4
    assert sum(1 for _ in store.iter_posts()) == 5


def test_real_car_paul_staging() -> None:
    bundle = bluesky.parse_repo((SAMPLES / "indigo__paul_staging.repo.car").read_bytes())
    did = "did:plc:cmpvykrzb2l22kj4ojlv3ox4"
    assert bundle.account == did
    kinds = [p.kind for p in bundle.posts]
    assert len(kinds) == 176 and kinds.count("like") == 60 and kinds.count("repost") == 15
    assert all(p.native_id.startswith(f"at://{did}/app.bsky.feed.") for p in bundle.posts)
    (prof,) = bundle.profiles
    assert (prof.display_name, prof.bio) == ("Paul", "Bluesky guy!!!")
    post = next(p for p in bundle.posts if p.native_id.startswith(f"at://{did}/app.bsky.feed.post/"))
    assert post.url.startswith(f"https://bsky.app/profile/{did}/post/") and post.created_at.endswith("Z")


def test_real_car_with_only_follows() -> None:
    bundle = bluesky.parse_repo((SAMPLES / "indigo__greenground.repo.car").read_bytes())
    assert bundle.account == "did:plc:kzcqyc3unb33eh5sxzsfs25z" and bundle.posts == [] and bundle.profiles == []


def test_car_import_uses_the_crawled_handle(store: Store) -> None:
    did = "did:plc:cmpvykrzb2l22kj4ojlv3ox4"
    store.upsert_account("bluesky", "paul.example.com", native_id=did)
    result = import_archive(SAMPLES / "indigo__paul_staging.repo.car", store=store)
    assert result.platform == "bluesky" and result.accounts[0].account == "paul.example.com"
    assert len(store.accounts()) == 1

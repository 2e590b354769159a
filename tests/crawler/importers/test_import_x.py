"""X archive: the real twoo sample and generated archives of the old and new layouts."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from selfaudit.crawler.importers import x
from selfaudit.crawler.importers.core import import_archive
from selfaudit.crawler.importers.source import open_source
from selfaudit.crawler.items import PostItem

from selfaudit.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "archives"


def _real_archive(tmp_path: Path) -> Path:
    root = tmp_path / "twitter-2023-07-02-abc"
    (root / "data").mkdir(parents=True)
    shutil.copy(SAMPLES / "twoo__tweets.js", root / "data" / "tweets.js")
    shutil.copy(SAMPLES / "twoo__manifest.js", root / "data" / "manifest.js")
    return root


def test_real_tweets_js_fields() -> None:
    items = x.parse_js((SAMPLES / "twoo__tweets.js").read_bytes(), archive="a", name="tweets.js")
    posts = x.parse_tweets(items, account="darkliquid", account_id="15942882")
    assert len(posts) == 28
    kinds = [p.kind for p in posts]
    # 23 tweets answer someone; one of them continues the owner's own thread, judged as an original
    assert kinds.count("reply") == 22 and kinds.count("repost") == 1
    thread = next(p for p in posts if p.native_id == "1589594490826010624")
    assert thread.kind == "original" and thread.extra["in_reply_to"] == "1589575537189859330"
    first = posts[0]
    assert first.native_id == "1629012888185610242"
    assert first.created_at == "2023-02-24T06:58:32Z"
    assert first.reply_to == "1628894722889601024"
    assert first.url == "https://x.com/darkliquid/status/1629012888185610242"
    assert first.source == "archive"
    rt = next(p for p in posts if p.kind == "repost")
    assert rt.original_author == "boondaburrah"
    amp = next(p for p in posts if p.native_id == "1607434750175715329")
    assert amp.text == "@SEGA Sonic 3 & Knuckles"  # HTML entities decoded
    linked = next(p for p in posts if p.native_id == "1609828443029491714")
    assert "http://dice.camp/@darkliquid" in linked.text and "t.co" not in linked.text
    assert linked.extra["links"] == ["http://dice.camp/@darkliquid"]


def test_real_manifest_gives_user_and_files(tmp_path: Path, store: Store) -> None:
    result = import_archive(_real_archive(tmp_path), store=store)
    assert result.platform == "x"
    (acc,) = result.accounts
    assert (acc.account, acc.posts, acc.inserted) == ("darkliquid", 28, 28)
    assert store.accounts()[0]["native_id"] == "15942882"


def test_real_account_js_email_kept_phone_dropped() -> None:
    items = x.parse_js((SAMPLES / "twitter_to_sqlite__account.js").read_bytes(), archive="a", name="account.js")
    facts = x.parse_account(items)
    assert facts["email"] == "swillison@example.com" and facts["username"] == "simonw"
    assert "+15555555555" not in repr(facts)


def _by_id(posts: list[PostItem]) -> dict[str, PostItem]:
    return {p.native_id: p for p in posts}


def test_generated_new_layout(tmp_path: Path, gen: Any) -> None:
    src = open_source(gen.write_zip(gen.x_files(), tmp_path / "twitter.zip"))
    (bundle,) = x.parse_archive(src, x.find_root(src.names()))
    posts = _by_id(bundle.posts)
    assert posts["100"].text == "Vote for & support Party X https://party.example/join"
    assert posts["101"].kind == "repost" and posts["101"].original_author == "bob"
    assert posts["102"].kind == "reply" and posts["102"].reply_to == "90"
    assert posts["103"].kind == "quote" and posts["103"].original_author == "dave"
    assert posts["104"].text.endswith("here is the full ending.")  # note-tweet.js joined
    assert posts["like:555"].kind == "like" and posts["like:555"].text == "Liked <this>"
    assert "99" not in posts and "deleted" in bundle.notes[0]
    (prof,) = bundle.profiles
    assert prof.email == "ana.lopez@un.org" and prof.display_name == "Ana López"
    assert prof.bio == "Views my own" and prof.created_at == "2010-01-02T03:04:05Z"
    assert "5555" not in repr(bundle) and "203.0.113.9" not in repr(bundle)


def test_generated_old_layout_bare_items(tmp_path: Path, gen: Any) -> None:
    src = open_source(gen.write_dir(gen.x_files(old=True), tmp_path / "old"))
    (bundle,) = x.parse_archive(src, x.find_root(src.names()))
    assert {p.native_id for p in bundle.posts if p.kind != "like"} == {"100", "101", "102", "103", "104"}


def test_tweets_part_files_and_self_thread(tmp_path: Path, gen: Any) -> None:
    files = gen.x_files(tweets=[gen.tweet("1", "one")])
    files["data/tweets-part1.js"] = "window.YTD.tweets.part1 = " + __import__("json").dumps(
        [gen.tweet("2", "thread", in_reply_to_status_id_str="1", in_reply_to_user_id_str="42")])
    src = open_source(gen.write_dir(files, tmp_path / "parts"))
    (bundle,) = x.parse_archive(src, "")
    posts = _by_id(bundle.posts)
    assert posts["2"].kind == "original" and posts["2"].extra["in_reply_to"] == "1"


def test_x_time_formats() -> None:
    assert x.x_time("Sat Aug 12 16:10:37 +0200 2023") == "2023-08-12T14:10:37Z"
    assert x.x_time("Mon Jan 01 00:10:00 -0130 2024") == "2024-01-01T01:40:00Z"
    assert x.x_time("Sat Foo 12 16:10:37 +0000 2023") is None
    assert x.x_time("2023-08-12T17:10:37.000Z") == "2023-08-12T17:10:37Z"
    assert x.x_time("yesterday") is None

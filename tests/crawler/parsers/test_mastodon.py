"""Mastodon parsing on real API responses (Mastodon.py cassettes) and a real ActivityPub actor."""

from __future__ import annotations

import json
from pathlib import Path

from selfaudit.crawler.parsers import mastodon as mp
from selfaudit.crawler.parsers.common import parse_link_header


def _load(samples: Path, name: str) -> object:
    return json.loads((samples / "mastodon" / name).read_text(encoding="utf-8"))


def test_account_profile_fields(samples: Path) -> None:
    data = _load(samples, "account_lookup.json")
    profile = mp.parse_account(data, account="mastodonpy_test@localhost:3000")
    assert profile.display_name == "John Lennon"
    assert profile.bio == "I walk funny"
    assert profile.bio_html == "<p>I walk funny</p>"
    assert profile.created_at == "2026-08-01T00:00:00Z"
    assert [f["name"] for f in profile.extra["fields"]] == ["bread", "lasagna"]
    assert profile.extra["fields"][0]["value"] == "toasty."
    assert profile.extra["id"] == data["id"]


def test_status_page_items(samples: Path) -> None:
    page = _load(samples, "statuses_page1.json")
    items = mp.parse_statuses(page["body"], account="mastodonpy_test@localhost:3000")
    public = [s for s in page["body"] if s["visibility"] in ("public", "unlisted")]
    assert len(items) == len(public) > 0
    first, raw = items[0], public[0]
    assert first.native_id == raw["uri"]
    assert first.url == raw["url"]
    assert first.created_at is not None and first.created_at.endswith("Z") and len(first.created_at) == 20
    assert first.created_at[:19] == raw["created_at"][:19]
    assert first.text == mp.html_to_text(raw["content"]) and first.text
    assert first.kind == "original"


def test_link_header_next_is_older(samples: Path) -> None:
    page = _load(samples, "statuses_page1.json")
    links = parse_link_header(page["link"])
    assert links["next"].endswith("max_id=117020580489281910")
    assert "min_id=" in links["prev"]


def test_boost_is_repost_with_original(samples: Path) -> None:
    data = _load(samples, "status_reblog.json")
    item = mp.parse_status(data, account="mastodonpy_test@localhost:3000")
    assert item.kind == "repost"
    assert item.native_id.endswith("/activity")
    assert item.text == "Toot!"
    assert item.original_author == "mastodonpy_test"
    assert item.original_url == data["reblog"]["url"]
    assert item.extra["original_uri"] == data["reblog"]["uri"]


def test_replies_flag_self_threads() -> None:
    base = {"uri": "https://h/users/a/statuses/2", "url": "https://h/@a/2", "created_at": "2024-05-01T12:00:00.5Z",
            "content": "<p>x</p>", "visibility": "public", "in_reply_to_id": "1"}
    other = mp.parse_status({**base, "in_reply_to_account_id": "99"}, account="a@h", own_id="7")
    own = mp.parse_status({**base, "in_reply_to_account_id": "7"}, account="a@h", own_id="7")
    assert (other.kind, other.reply_to, other.extra["self_thread"]) == ("reply", "1", False)
    assert (own.kind, own.extra["self_thread"]) == ("reply", True)


def test_cw_poll_alt_edit_and_invisible_spans() -> None:
    status = {
        "uri": "u", "url": "l", "created_at": "2024-05-01T12:00:00.000Z", "edited_at": "2024-05-02T08:00:00.000+02:00",
        "visibility": "public", "spoiler_text": "politics", "language": "fr",
        "content": '<p>see <a href="https://ex.am/path"><span class="invisible">https://</span>'
                   '<span class="ellipsis">ex.am/pa</span><span class="invisible">th</span></a></p>',
        "media_attachments": [{"description": "a map"}, {"description": None}],
        "poll": {"options": [{"title": "yes"}, {"title": "no"}], "expires_at": None, "multiple": False},
        "tags": [{"name": "vote"}],
    }
    item = mp.parse_status(status, account="a@h")
    assert item.extra["spoiler_text"] == "politics"
    assert item.extra["poll"]["options"] == ["yes", "no"]
    assert item.media_alt == ["a map"]
    assert item.edited_at == "2024-05-02T06:00:00Z"
    assert item.text == "see https://ex.am/path"
    assert item.extra["links"] == ["https://ex.am/path"]
    assert item.extra["tags"] == ["vote"]
    assert item.lang == "fr"


def test_private_and_direct_are_skipped() -> None:
    rows = [{"uri": f"u{v}", "created_at": "2024-01-01T00:00:00Z", "content": "", "visibility": v}
            for v in ("public", "unlisted", "private", "direct")]
    assert [i.native_id for i in mp.parse_statuses(rows, account="a@h")] == ["upublic", "uunlisted"]


def test_activitypub_actor(samples: Path) -> None:
    data = _load(samples, "activitypub_actor.json")
    profile = mp.parse_actor(data, account="brauca_darradiul@activitypub.academy")
    assert profile.display_name == data["name"]
    assert profile.extra["outbox"] == data["outbox"]
    assert profile.created_at is not None and profile.created_at.endswith("Z")


def test_outbox_create_and_announce() -> None:
    public = ["https://www.w3.org/ns/activitystreams#Public"]
    create = {"type": "Create", "to": public, "object": {
        "id": "https://h/users/a/statuses/1", "url": "https://h/@a/1", "published": "2022-11-13T01:13:27Z",
        "content": "<p>hello</p>", "summary": "cw", "contentMap": {"en": "<p>hello</p>"},
        "attachment": [{"type": "Document", "name": "alt"}], "tag": [{"type": "Hashtag", "name": "#x"}]}}
    boost = {"type": "Announce", "id": "https://h/users/a/statuses/2/activity", "to": public,
             "published": "2022-11-14T00:00:00Z", "object": "https://o/users/b/statuses/9"}
    note = mp.parse_outbox_item(create, account="a@h", actor_id="https://h/users/a")
    rep = mp.parse_outbox_item(boost, account="a@h")
    private = mp.parse_outbox_item({**create, "to": ["https://h/users/a/followers"]}, account="a@h")
    assert note is not None and (note.kind, note.text, note.lang, note.media_alt) == ("original", "hello", "en", ["alt"])
    assert note.extra["spoiler_text"] == "cw" and note.extra["tags"] == ["x"]
    assert rep is not None and rep.kind == "repost" and rep.original_url == "https://o/users/b/statuses/9"
    assert private is None


def test_webfinger_self() -> None:
    doc = {"links": [{"rel": "http://webfinger.net/rel/profile-page", "href": "https://h/@a"},
                     {"rel": "self", "type": "application/activity+json", "href": "https://h/users/a"}]}
    assert mp.webfinger_self(doc) == "https://h/users/a"
    assert mp.webfinger_self({"links": []}) is None


def test_profile_email_comes_from_a_field_but_not_from_a_handle(samples: Path) -> None:
    data = dict(_load(samples, "account_lookup.json"))
    assert mp.parse_account(data, account="a@h").email is None
    data["note"] = "<p>Find me at @someone@mastodon.social</p>"
    data["fields"] = [{"name": "Contact", "value": "Jane.Doe@UN.org", "verified_at": None}]
    assert mp.parse_account(data, account="a@h").email == "jane.doe@un.org"

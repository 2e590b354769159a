"""AT Protocol parsing on real records: indigo's DID document, a DAG-CBOR post and a staging repo CAR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import libipld
import pytest
from selfaudit.crawler.parsers import bluesky as bp


def _jsonable(value: Any) -> Any:
    """DAG-CBOR values as the XRPC JSON shows them (CID links as ``{"$link": ...}``, bytes as ``{"$bytes"}``)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        try:
            return {"$link": libipld.encode_cid(value)}
        except ValueError:
            return {"$bytes": value.hex()}
    return value


@pytest.fixture
def repo_records(samples: Path) -> list[dict[str, Any]]:
    """The records of the staging repo as ``listRecords`` entries (``uri``, ``value``)."""
    header, blocks = libipld.decode_car((samples / "bluesky" / "paul_staging.repo.car").read_bytes())
    commit = blocks[header["roots"][0]]
    out: list[tuple[str, Any]] = []

    def walk(cid: bytes) -> None:
        node = blocks.get(cid)
        if node is None:
            return
        if node.get("l"):
            walk(node["l"])
        prev = b""
        for entry in node["e"]:
            prev = prev[: entry["p"]] + entry["k"]
            out.append((prev.decode(), blocks.get(entry["v"])))
            if entry.get("t"):
                walk(entry["t"])

    walk(commit["data"])
    did = commit["did"]
    return [{"uri": f"at://{did}/{path}", "value": _jsonable(rec)} for path, rec in out if rec is not None]


def test_did_doc(samples: Path) -> None:
    doc = json.loads((samples / "bluesky" / "did_plc_doc.json").read_text())
    assert bp.pds_endpoint(doc) == "https://bsky.social"
    assert bp.handle_from_doc(doc) == "atproto.com"
    assert bp.pds_endpoint({"service": [{"id": "#other", "type": "X", "serviceEndpoint": "https://x"}]}) is None


def test_cbor_post_with_quote_and_images(samples: Path) -> None:
    value = _jsonable(libipld.decode_dag_cbor((samples / "bluesky" / "feedpost_record.cbor").read_bytes()))
    uri = "at://did:plc:abc/app.bsky.feed.post/3kabc"
    item = bp.parse_post_record({"uri": uri, "cid": "bafy", "value": value}, account="alice.test", handle="alice.test")
    assert item.native_id == uri
    assert item.url == "https://bsky.app/profile/alice.test/post/3kabc"
    assert item.text == value["text"]
    assert item.created_at is not None and item.created_at.endswith("Z")
    assert item.kind == "quote"
    assert item.original_url and item.original_url.startswith("https://bsky.app/profile/")
    embed_images = value["embed"]["media"].get("images", [])
    assert item.media_alt == [i["alt"] for i in embed_images if i.get("alt")]


def test_repo_collections(repo_records: list[dict[str, Any]]) -> None:
    posts = [r for r in repo_records if "/app.bsky.feed.post/" in r["uri"]]
    likes = [r for r in repo_records if "/app.bsky.feed.like/" in r["uri"]]
    reposts = [r for r in repo_records if "/app.bsky.feed.repost/" in r["uri"]]
    assert (len(posts), len(likes), len(reposts)) == (101, 60, 15)
    items = [bp.parse_post_record(r, account="paul") for r in posts]
    assert all(i.created_at and i.created_at.endswith("Z") for i in items)
    assert {i.kind for i in items} <= {"original", "reply", "quote"}
    assert sum(i.reply_to is not None for i in items) == sum("reply" in r["value"] for r in posts)
    like = bp.parse_subject_record(likes[0], account="paul", kind="like")
    assert like.kind == "like" and like.extra["subject_uri"] == likes[0]["value"]["subject"]["uri"]
    assert like.original_author == likes[0]["value"]["subject"]["uri"].split("/")[2]


def test_profile_legacy_blob(repo_records: list[dict[str, Any]]) -> None:
    record = next(r for r in repo_records if r["uri"].endswith("/app.bsky.actor.profile/self"))
    profile = bp.parse_profile_record(record["value"], account="paul", did="did:plc:x")
    assert profile.display_name == record["value"].get("displayName")
    assert profile.bio == (record["value"].get("description") or "")


def test_facets_use_utf8_byte_offsets() -> None:
    text = "héllo @bob.test #tag"
    raw = text.encode()
    start = raw.index(b"@bob")
    record = {"uri": "at://did:plc:me/app.bsky.feed.post/1", "value": {
        "text": text, "createdAt": "2024-05-01T12:00:00.123456789Z", "langs": ["fr"],
        "facets": [
            {"index": {"byteStart": start, "byteEnd": start + 9},
             "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:bob"}]},
            {"index": {"byteStart": raw.index(b"#tag"), "byteEnd": len(raw)},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "tag"}]},
            {"index": {"byteStart": 0, "byteEnd": 1},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://ex.am/"}]}]}}
    item = bp.parse_post_record(record, account="me")
    assert item.extra["mentions"] == [{"did": "did:plc:bob", "text": "@bob.test"}]
    assert item.extra["tags"] == ["tag"] and item.extra["links"] == ["https://ex.am/"]
    assert item.created_at == "2024-05-01T12:00:00Z" and item.lang == "fr"


def test_replies_flag_self_threads() -> None:
    def rec(parent: str) -> dict[str, Any]:
        return {"uri": "at://did:plc:me/app.bsky.feed.post/2", "value": {
            "text": "x", "createdAt": "2024-01-01T00:00:00Z",
            "reply": {"root": {"uri": parent}, "parent": {"uri": parent}}}}
    own = bp.parse_post_record(rec("at://did:plc:me/app.bsky.feed.post/1"), account="me")
    assert (own.kind, own.extra["self_thread"]) == ("reply", True)
    other = bp.parse_post_record(rec("at://did:plc:you/app.bsky.feed.post/1"), account="me")
    assert other.kind == "reply" and other.reply_to == "at://did:plc:you/app.bsky.feed.post/1"
    assert other.extra["self_thread"] is False


def test_fill_subject_from_getposts_and_missing() -> None:
    rec = {"uri": "at://did:plc:me/app.bsky.feed.like/1",
           "value": {"createdAt": "2024-01-01T00:00:00Z", "subject": {"uri": "at://did:plc:you/app.bsky.feed.post/9"}}}
    like = bp.parse_subject_record(rec, account="me", kind="like")
    bp.fill_subject(like, {"value": {"text": "vote aurora", "langs": ["es"], "createdAt": "2023-01-01T00:00:00Z"},
                           "author": {"handle": "you.test"}})
    assert (like.text, like.lang, like.original_author) == ("vote aurora", "es", "you.test")
    assert like.url == "https://bsky.app/profile/you.test/post/9"
    gone = bp.fill_subject(bp.parse_subject_record(rec, account="me", kind="like"), None)
    assert gone.extra["subject_missing"] is True and gone.text == ""


def test_author_feed_repost_entry() -> None:
    entry = {"post": {"uri": "at://did:plc:you/app.bsky.feed.post/9", "author": {"did": "did:plc:you", "handle": "you.test"},
                      "record": {"text": "hi", "createdAt": "2024-01-01T00:00:00Z"}},
             "reason": {"$type": "app.bsky.feed.defs#reasonRepost", "indexedAt": "2024-02-01T00:00:00.000Z"}}
    item = bp.parse_feed_item(entry, account="me", did="did:plc:me")
    assert item is not None and item.kind == "repost" and item.text == "hi" and item.created_at == "2024-02-01T00:00:00Z"

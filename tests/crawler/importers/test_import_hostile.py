"""Hostile archives (#14 items 7, 8, 9): one ``error:`` line naming the file and place, nothing written."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path
from typing import Any

import libipld
import pytest
from selfaudit.app.cli import app
from selfaudit.crawler.importers import bluesky
from selfaudit.crawler.importers.errors import CorruptArchiveError
from typer.testing import CliRunner

from selfaudit.store import Store

RECORD = {"$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2024-01-01T00:00:00Z"}


def _varint(n: int) -> bytes:
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])


def _cid(data: bytes) -> bytes:
    return b"\x01\x71\x12\x20" + hashlib.sha256(data).digest()


def car(nodes: list[dict[str, Any]]) -> bytes:
    """A CAR whose commit's ``data`` is the first MST node; every node gets one post entry.

    Each node dict may hold ``e`` (entries with ``v=None`` replaced by the record) and
    ``t_next`` (link the next node as the subtree of its last entry), so chains of any
    depth are built bottom up without recursion.
    """
    record = libipld.encode_dag_cbor(RECORD)
    blocks = [(_cid(record), record)]
    below: bytes | None = None
    for node in reversed(nodes):
        entries = [{"v": blocks[0][0], "t": None, **e} for e in node["e"]]
        if node.get("t_next") and below is not None:
            entries[-1]["t"] = below
        raw = libipld.encode_dag_cbor({"l": None, "e": entries})
        below = _cid(raw)
        blocks.append((below, raw))
    commit = libipld.encode_dag_cbor({"did": "did:plc:hostile", "data": below, "version": 3, "rev": "r"})
    blocks.append((_cid(commit), commit))
    header = libipld.encode_dag_cbor({"roots": [_cid(commit)], "version": 1})
    return _varint(len(header)) + header + b"".join(_varint(len(c) + len(d)) + c + d for c, d in blocks)


def _import(path: Path, data: Path) -> Any:
    return CliRunner().invoke(app, ["import", str(path), "--data", str(data)])


def _refused(path: Path, tmp_path: Path, *, place: str) -> str:
    data = tmp_path / "data"
    result = _import(path, data)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    line = " ".join(result.output.split())
    assert line.startswith("error: ") and str(path) in line and place in line, line
    if (data / "selfaudit.db").exists():
        with Store.open(data / "selfaudit.db", readonly=True) as store:
            assert not list(store.iter_posts()) and not store.runs()
    return line


def _x_zip(gen: Any, tmp_path: Path, tweets_js: str) -> Path:
    files = gen.x_files()
    files["data/tweets.js"] = tweets_js
    return gen.write_zip(files, tmp_path / "twitter.zip")


def test_deeply_nested_json_is_one_line(tmp_path: Path, gen: Any) -> None:
    path = _x_zip(gen, tmp_path, "window.YTD.tweets.part0 = " + "[" * 100_000 + "]" * 100_000)
    _refused(path, tmp_path, place="data/tweets.js")


@pytest.mark.parametrize("items", [
    {"not": "a list"},
    [5, "text", None],
    [{"tweet": {"id_str": "1", "full_text": 5, "created_at": "Sat Aug 12 16:10:37 +0000 2023"}}],
    [{"tweet": {"id_str": "1", "full_text": "x", "entities": "urls"}}],
    [{"tweet": {"id_str": "1", "full_text": "x", "entities": {"urls": ["https://t.co/x"]}}}],
])
def test_wrong_json_types_are_one_line(tmp_path: Path, gen: Any, items: Any) -> None:
    path = _x_zip(gen, tmp_path, gen.ytd("tweets", items))
    _refused(path, tmp_path, place="data/tweets.js")


def test_lone_surrogates_become_replacement_characters(tmp_path: Path, gen: Any) -> None:
    path = _x_zip(gen, tmp_path, gen.ytd("tweets", [gen.tweet("7", "lone \ud800 half")]))
    result = _import(path, tmp_path / "data")
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "data" / "selfaudit.db", readonly=True) as store:
        assert "lone \ufffd half" in [p["text"] for p in store.iter_posts()]


@pytest.mark.parametrize("stamp", ["1e20", '"nan"', "Infinity", "-Infinity", '"1e400"'])
def test_absurd_facebook_timestamps_are_unknown_dates(tmp_path: Path, gen: Any, stamp: str) -> None:
    posts = f'[{{"timestamp": {stamp}, "data": [{{"post": "hello"}}]}}]'
    path = gen.write_zip({"posts/your_posts_1.json": posts}, tmp_path / "facebook.zip")
    result = _import(path, tmp_path / "data")
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "data" / "selfaudit.db", readonly=True) as store:
        assert [(p["text"], p["created_at"]) for p in store.iter_posts()] == [("hello", None)]


def test_facebook_attachments_as_a_string_is_one_line(tmp_path: Path, gen: Any) -> None:
    posts = json.dumps([{"timestamp": 1500000000, "data": [{"post": "x"}], "attachments": "a string"}])
    path = gen.write_zip({"posts/your_posts_1.json": posts}, tmp_path / "facebook.zip")
    _refused(path, tmp_path, place="posts/your_posts_1.json")


def test_deep_mst_is_walked_without_recursion(tmp_path: Path) -> None:
    nodes = [{"e": [{"p": 0, "k": f"app.bsky.feed.post/{i:05d}".encode()}], "t_next": True} for i in range(5000)]
    bundle = bluesky.parse_repo(car(nodes))
    assert len(bundle.posts) == 5000
    assert bundle.posts[0].native_id.endswith("/00000") and bundle.posts[-1].native_id.endswith("/04999")


@pytest.mark.parametrize(("entry", "why"), [
    ({"p": -5, "k": b"app.bsky.feed.post/1"}, "prefix"),
    ({"p": "3", "k": b"app.bsky.feed.post/1"}, "prefix"),
    ({"p": 0, "k": "app.bsky.feed.post/1"}, "key"),
    ({"p": 0, "k": 150_000_000}, "key"),
    ({"p": 150_000_000, "k": b"x"}, "prefix"),
])
def test_bad_mst_entries_are_one_line_and_allocate_nothing(tmp_path: Path, entry: dict[str, Any], why: str) -> None:
    path = tmp_path / "repo.car"
    path.write_bytes(car([{"e": [{"p": 0, "k": b"app.bsky.feed.post/0"}, entry]}]))
    assert path.stat().st_size < 1000
    tracemalloc.start()
    try:
        with pytest.raises(CorruptArchiveError, match=why):
            bluesky.parse_repo(path.read_bytes(), name=str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20
    _refused(path, tmp_path, place="entry 1")


def test_hostile_account_name_imports_and_prints_literally(tmp_path: Path, gen: Any) -> None:
    files = gen.x_files()
    name = "evil[/]name[link=https://evil.example]"
    files["data/account.js"] = gen.ytd("account", [{"account": {"username": name, "accountId": "42"}}])
    path = gen.write_zip(files, tmp_path / "twitter.zip")
    result = _import(path, tmp_path / "data")
    assert result.exit_code == 0, result.output
    assert f"x {name}: 6 items read" in result.output
    status = CliRunner().invoke(app, ["status", "--data", str(tmp_path / "data"), "--config", "/dev/null"])
    assert status.exit_code == 0 and "evil[/]name" in status.output


@pytest.mark.parametrize("field", ["username", "profile_uri"])
def test_wrong_types_that_parse_never_reach_the_store(tmp_path: Path, gen: Any, field: str) -> None:
    prof = {"profile_v2": {"name": {"full_name": "Ana"}, "username": "ana", "profile_uri": "https://fb.example/ana"}}
    prof["profile_v2"][field] = {"an": "object"}
    files = {"profile_information/profile_information.json": json.dumps(prof),
             "posts/your_posts_1.json": json.dumps([{"timestamp": 1500000000, "data": [{"post": "x"}]}])}
    line = _refused(gen.write_zip(files, tmp_path / "facebook.zip"), tmp_path, place="not shaped like the facebook")
    assert "not text" in line or "not a list of texts" in line

"""Bluesky repository export (``com.atproto.sync.getRepo``, a CAR file) to records.

The CAR is decoded with ``libipld``; the commit's MST is walked in key order to
``(collection/rkey, record)`` pairs, and each record is mapped by the crawler's
own AT Protocol parsers, so posts carry the same ``at://did/collection/rkey``
key whether crawled or imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import libipld
from selfaudit.crawler.importers.errors import CorruptArchiveError
from selfaudit.crawler.importers.records import Bundle, archived, link
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.parsers.bluesky import (
    LIKE,
    POST,
    PROFILE,
    REPOST,
    parse_post_record,
    parse_profile_record,
    parse_subject_record,
)

from selfaudit.limits import MAX_MST_KEY_BYTES

__all__ = ["PLATFORM", "find_root", "decode_repo", "repo_records", "parse_repo", "parse_archive"]

PLATFORM = "bluesky"


def find_root(names: list[str]) -> str | None:
    """The one ``.car`` member (its full name), or None."""
    cars = [n for n in names if n.lower().endswith(".car")]
    return cars[0] if len(cars) == 1 else None


def _jsonable(value: Any) -> Any:
    """Replace raw CID links (bytes) by their string form so records serialise as JSON."""
    if isinstance(value, bytes):
        try:
            return libipld.encode_cid(value)
        except (ValueError, TypeError):
            return value.hex()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def decode_repo(data: bytes, *, name: str = "repo.car") -> tuple[str, dict[str, Any], dict[bytes, Any]]:
    """``(did, commit, blocks)`` of a CAR repository export; CorruptArchiveError if unreadable."""
    try:
        header, blocks = libipld.decode_car(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CorruptArchiveError(f"{name}: not a readable CAR repository ({exc}); the file may be cut short") from exc
    roots = header.get("roots") or [] if isinstance(header, dict) else []
    commit = blocks.get(roots[0]) if roots else None
    if not isinstance(commit, dict) or not isinstance(commit.get("did"), str) or "data" not in commit:
        raise CorruptArchiveError(f"{name}: CAR file has no repository commit (did + data) at its root")
    return commit["did"], commit, blocks


def _entry_key(prev: bytes, entry: Any, where: str) -> bytes:
    """The full key of one MST entry: ``prev[:p] + k``, with ``p`` and ``k`` checked before any allocation."""
    if not isinstance(entry, dict):
        raise CorruptArchiveError(f"{where}: not a map")
    prefix, rest = entry.get("p", 0), entry.get("k")
    if prefix is None:
        prefix = 0
    if not isinstance(prefix, int) or isinstance(prefix, bool) or not 0 <= prefix <= len(prev):
        raise CorruptArchiveError(f"{where}: prefix length {prefix!r} is not a number from 0 to {len(prev)}")
    if not isinstance(rest, bytes) or prefix + len(rest) > MAX_MST_KEY_BYTES:
        shown = f"{len(rest)} bytes" if isinstance(rest, bytes) else type(rest).__name__
        raise CorruptArchiveError(f"{where}: key suffix ({shown}) is not bytes making a key of at most "
                                  f"{MAX_MST_KEY_BYTES} bytes")
    return prev[:prefix] + rest


def repo_records(commit: dict[str, Any], blocks: dict[bytes, Any], *,
                 name: str = "repo.car") -> list[tuple[str, Any]]:
    """In-order MST walk: ``[(collection/rkey, record or None)]``; cycles and missing nodes are skipped.

    The walk keeps its own stack (a tree thousands of levels deep is walked,
    not a RecursionError), and every key is checked before it is built
    (a prefix or suffix length from the file never sizes an allocation).

    Raises:
        CorruptArchiveError: an entry with a bad prefix length or key, naming the node and entry.
    """
    out: list[tuple[str, Any]] = []
    seen: set[bytes] = set()
    todo: list[tuple[str, Any]] = [("walk", commit.get("data"))]
    while todo:
        action, value = todo.pop()
        if action == "emit":
            out.append(value)
            continue
        if not isinstance(value, bytes) or value in seen:
            continue
        seen.add(value)
        node = blocks.get(value)
        if not isinstance(node, dict):
            continue
        entries = node.get("e") or []
        if not isinstance(entries, list):
            raise CorruptArchiveError(f"{name}: tree node {len(seen)}: entries are not a list")
        steps: list[tuple[str, Any]] = [("walk", node.get("l"))]
        prev = b""
        for i, entry in enumerate(entries):
            prev = _entry_key(prev, entry, f"{name}: tree node {len(seen)} entry {i}")
            steps += [("emit", (prev.decode("utf-8", "replace"), blocks.get(entry.get("v")))),
                      ("walk", entry.get("t"))]
        todo += reversed(steps)
    return out


def parse_repo(data: bytes, *, handle_for: Callable[[str], str | None] | None = None,
               name: str = "repo.car") -> Bundle:
    """All posts, reposts, likes and the profile of a repository export.

    Args:
        data: the CAR bytes.
        handle_for: maps the repo's DID to the handle its account is stored
            under (a crawled account); records use the DID when it gives None.
        name: the file name used in error messages.
    """
    did, commit, blocks = decode_repo(data, name=name)
    acct = (handle_for(did) if handle_for else None) or did
    bundle = Bundle(PLATFORM, acct)
    skipped = 0
    for key, record in repo_records(commit, blocks, name=name):
        collection, _, rkey = key.partition("/")
        if not isinstance(record, dict):
            skipped += 1
            continue
        rec = {"uri": f"at://{did}/{key}", "cid": None, "value": _jsonable(record)}
        try:
            if collection == POST:
                bundle.posts.append(archived(parse_post_record(rec, account=acct)))
            elif collection == REPOST:
                bundle.posts.append(archived(parse_subject_record(rec, account=acct, kind="repost")))
            elif collection == LIKE:
                bundle.posts.append(archived(parse_subject_record(rec, account=acct, kind="like")))
            elif collection == PROFILE and rkey == "self":
                prof = archived(parse_profile_record(rec["value"], account=acct, did=did))
                bundle.profiles.append(prof)
                bundle.links += [link(platform=PLATFORM, account=acct, url=u) for u in prof.links]
        except (KeyError, ValueError, TypeError, AttributeError):
            skipped += 1
    for item in bundle.posts:
        item.extra.pop("cid", None)
    if skipped:
        bundle.notes.append(f"{skipped} records could not be read and were skipped")
    commit_info = {"did": did, "rev": commit.get("rev")}
    for prof in bundle.profiles:
        prof.extra.update({k: v for k, v in commit_info.items() if v})
    return bundle


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None,
                  handle_for: Callable[[str], str | None] | None = None) -> list[Bundle]:
    """The records of the CAR member ``root`` (see :func:`find_root`)."""
    name = str(source.path) if source.path.name == root else f"{source.path}: {root}"
    bundle = parse_repo(source.read(root), handle_for=handle_for, name=name)
    if progress:
        progress("reading repository", 1, 1)
    return [bundle]

"""End-to-end fixtures: the sandbox on 127.0.0.1 and settings that crawl its persona."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selfaudit.sandbox.faults import FaultConfig
from selfaudit.sandbox.persona import build_persona
from selfaudit.sandbox.server import Sandbox

from selfaudit.config import BlueskyConfig, CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store


def sandbox_settings(sb: Sandbox, data: Path, **crawl: Any) -> Settings:
    """Settings that crawl every account of the sandbox persona, fast, into ``data``."""
    return Settings(accounts=tuple(parse_handle(s) for s in sb.handle_specs()), data_dir=data,
                    crawl=CrawlConfig(fast=True, **crawl),
                    bluesky=BlueskyConfig(plc_url=sb.base_url + "/plc", appview_url=None))


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def compare_with_truth(sb: Sandbox, db: Path, *, bio_links: bool = True) -> list[str]:
    """Every difference between the store and the sandbox's truth (empty when they match).

    ``bio_links=False``: the crawl did not follow bio links, so pages only they lead to are not expected.
    """
    truth = sb.truth()
    with Store.open(db) as store:
        posts = list(store.iter_posts(include_gone=False))
        profiles = {(p["platform"], p["account"]): p for p in store.latest_profiles()}
    stored = {p["native_id"]: p for p in posts}
    problems: list[str] = []
    if len(stored) != len(posts):
        problems.append("a native id is stored twice")
    want = {i["native_id"]: i for i in truth["items"] if bio_links or i.get("via") != "bio-link"}
    problems += [f"missing {w['kind']} {nid}" for nid, w in want.items() if nid not in stored]
    problems += [f"extra {stored[nid]['kind']} {nid}" for nid in stored if nid not in want]
    for nid, w in want.items():
        got = stored.get(nid)
        if got is None:
            continue
        if got["kind"] != w["kind"]:
            problems.append(f"{nid}: kind {got['kind']} != {w['kind']}")
        if w["created_at"] is not None and got["created_at"] != w["created_at"]:
            problems.append(f"{nid}: created_at {got['created_at']} != {w['created_at']}")
        item = sb.persona.items.get(w["key"])
        expected = w.get("subject_text") if w["kind"] in ("like", "repost") else (item.text if item else None)
        if expected is not None and _norm(expected) not in _norm(got["text"]):
            problems.append(f"{nid}: text {got['text'][:60]!r} lacks {expected[:60]!r}")
        if w["kind"] == "quote" and w["platform"] == "bluesky" and w.get("subject_text") is not None:
            quoted = got["extra"].get("quoted_text")
            if _norm(quoted) != _norm(str(w["subject_text"])):
                problems.append(f"{nid}: quoted text {quoted!r} != {w['subject_text']!r}")
    for account in truth["accounts"]:
        key = (account["platform"], account["handle"])
        if key not in profiles:
            problems.append(f"no profile for {key}")
    return problems


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        yield sb


@pytest.fixture
def flaky_sandbox() -> Iterator[Sandbox]:
    faults = FaultConfig(seed=3, error_rate=0.08, timeout_rate=0.02, rate_limit_rate=0.05, malformed_rate=0.05,
                         slow_rate=0.05, slow_s=0.05, max_failures=2, hang_s=0.5, retry_after=1, repeat_cursor=True,
                         hostile=True, non_utf8=True)
    with Sandbox(port=0, persona=build_persona(seed=7), faults=faults) as sb:
        yield sb

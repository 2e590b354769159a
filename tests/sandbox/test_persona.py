"""The persona is deterministic, realistic in shape, and its truth covers every concern id."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from selfaudit.sandbox import build_persona, truth
from selfaudit.sandbox.elsewhere import CV_PATH
from selfaudit.sandbox.ids import snowflake, tid

from tests.shared import need_shared

BASE = "http://127.0.0.1:8799"


def _concern_ids() -> set[str]:
    text = need_shared("concerns.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE))


def test_same_seed_same_persona_and_truth() -> None:
    a, b = build_persona(seed=7), build_persona(seed=7)
    assert truth(a, BASE) == truth(b, BASE)
    assert truth(build_persona(seed=8), BASE) != truth(a, BASE)


def test_truth_covers_every_concern_id() -> None:
    ids = _concern_ids()
    assert len(ids) == 15
    t = truth(build_persona(), BASE)
    assert set(t["concern_ids"]) == ids
    post_concerns = {c for row in t["items"] for c in row["concerns"]}
    for concern in post_concerns:
        timings = {row["timing"] for row in t["items"] if concern in row["concerns"]}
        assert "post-appointment" in timings, concern


def test_persona_shape() -> None:
    t = truth(build_persona(), BASE)
    items = t["items"]
    assert 550 <= len(items) <= 700
    flagged = [r for r in items if r["concerns"]]
    assert len(flagged) < len(items) / 5, "clean posts must be the majority"
    assert {"original", "reply", "repost", "quote", "like", "page"} <= {r["kind"] for r in items}
    langs = Counter(r["lang"] for r in items)
    assert {"en", "fr", "es", "ar", "ru", "zh"} <= set(langs)
    years = {r["created_at"][:4] for r in items}
    assert min(years) <= "2012" and max(years) >= "2026"
    assert {r["platform"] for r in items} == {"mastodon", "bluesky", "web"}
    assert {"pre-appointment", "post-appointment"} == {r["timing"] for r in items}
    assert len({r["native_id"] for r in items}) == len(items)


def test_native_ids_follow_the_architecture() -> None:
    t = truth(build_persona(), BASE)
    for row in t["items"]:
        if row["platform"] == "mastodon":
            assert row["native_id"].startswith(f"{BASE}/users/")
            assert row["native_id"].endswith("/activity") == (row["kind"] == "repost")
        elif row["platform"] == "bluesky":
            assert re.fullmatch(r"at://did:(plc:[a-z2-7]{24}|web:[^/]+)/app\.bsky\.feed\.(post|like|repost)/[2-7a-z]{13}",
                                row["native_id"]), row["native_id"]
        else:
            assert row["native_id"].startswith((f"{BASE}/blog/", f"{BASE}{CV_PATH}")) and row["native_id"].endswith("/")
    likes = [r for r in t["items"] if r["kind"] in ("like", "repost")]
    assert likes and all(r["subject_uri"] != r["native_id"] for r in likes)


def test_liked_and_reposted_posts_belong_to_other_accounts() -> None:
    persona = build_persona()
    for item in persona.items.values():
        if item.subject:
            assert persona.items[item.subject].account != item.account
            assert not persona.accounts[persona.items[item.subject].account].persona


def test_ids_derive_from_time() -> None:
    when = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    later = datetime(2024, 5, 1, 12, 0, 1, tzinfo=UTC)
    assert len(tid(when, 1)) == 13 and tid(when, 1) < tid(later, 0)
    assert int(snowflake(when, 1)) >> 16 == int(when.timestamp() * 1000)
    persona = build_persona()
    for item in persona.account_items("talia_b"):
        assert item.rid == tid(item.created_at, _clock(item.rid))
        assert _micros(item.rid) == int(item.created_at.timestamp() * 1_000_000)
    for item in persona.account_items("talia"):
        assert int(item.rid) >> 16 == int(item.created_at.timestamp() * 1000)


_S32 = "234567abcdefghijklmnopqrstuvwxyz"


def _value(rid: str) -> int:
    value = 0
    for ch in rid:
        value = value * 32 + _S32.index(ch)
    return value


def _micros(rid: str) -> int:
    return _value(rid) >> 10


def _clock(rid: str) -> int:
    return _value(rid) & 0x3FF


def test_scale_builds_a_large_persona() -> None:
    persona = build_persona(seed=1, scale=100_000)
    own = sum(len(persona.account_items(a)) for a in ("talia", "talia_b", "web", "quiet", "unhub"))
    assert own >= 100_000
    for account in ("talia", "talia_b"):
        rids = [i.rid for i in persona.account_items(account)]
        assert len(set(rids)) == len(rids)

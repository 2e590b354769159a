"""The decisions table: history kept, the latest wins, and stores made before it read as 'nothing decided'."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selfaudit.errors import StoreError
from selfaudit.store import MIGRATIONS, Store, current_decision, finding_uid
from tests.selfaudit.rawsql import raw


def _finding(store: Store) -> dict:
    store.upsert_posts([{"platform": "mastodon", "account": "a@b.example", "native_id": "1", "text": "Vote Horizon"}])
    post = next(store.iter_posts())
    store.replace_post_findings("p", {post["id"]: (post["content_hash"], [{"concern": "partisan-politics",
                                                                            "severity": "high", "score": 0.9}])})
    return store.findings()[0]


def test_latest_wins_and_history_stays(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        f = _finding(store)
        store.add_decision(f, "delete")
        store.add_decision(f, "keep", note="fine after all")
        assert store.decisions()[finding_uid(f)]["action"] == "keep"
        assert [d["action"] for d in store.decision_history()] == ["delete", "keep"]
        assert current_decision(f, store.decisions())["note"] == "fine after all"
        with pytest.raises(StoreError, match="unknown decision"):
            store.add_decision(f, "burn")
    with pytest.raises(sqlite3.IntegrityError):  # the table refuses it too (the store's connection is private)
        raw(tmp_path / "s.db", "INSERT INTO decisions(finding_id, platform, target, scope, concern, action, decided_at)"
                               " VALUES ('f1','x','y','post','c','burn','now')")


def test_store_before_decisions_reads_as_nothing_decided(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store.open(path, migrate=False) as store:
        store.migrate(upto=[name for name, _ in MIGRATIONS].index("decide_decisions"))
        _finding(store)
    with Store.open(path, readonly=True) as old:
        assert old.decisions() == {} and old.decision_history() == []


def test_finding_uid_is_the_post_or_account_and_the_concern() -> None:
    post = {"post_id": 7, "platform": "mastodon", "native_id": "https://m.example/1", "concern": "security-risk"}
    assert finding_uid(post) == finding_uid({**post, "post_id": 99, "id": 5, "score": 0.1})  # row ids do not matter
    assert finding_uid(post) != finding_uid({**post, "concern": "partisan-politics"})
    assert finding_uid(post) != finding_uid({**post, "native_id": "https://m.example/2"})
    account = {"post_id": None, "platform": "mastodon", "account": "https://m.example/1", "concern": "security-risk"}
    assert finding_uid(account) != finding_uid(post)


"""The shared value rules: one list of post kinds for the items, the store and its SQL CHECK."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from selfaudit.crawler import items

from selfaudit.errors import StoreError
from selfaudit.store import Store, schema
from selfaudit.values import POST_KINDS, POST_SOURCES
from tests.selfaudit.rawsql import raw


def _check_values(ddl: str, column: str) -> tuple[str, ...]:
    match = re.search(rf"{column} TEXT NOT NULL CHECK \({column} IN \(([^)]*)\)\)", ddl)
    assert match, f"no CHECK on posts.{column}"
    return tuple(v.strip().strip("'") for v in match.group(1).split(","))


def test_items_store_and_sql_check_share_one_list_of_post_kinds(tmp_path: Path) -> None:
    assert items.POST_KINDS is POST_KINDS
    assert schema.POST_KINDS is POST_KINDS and schema.SOURCES is POST_SOURCES
    Store.open(tmp_path / "s.db").close()
    ((ddl,),) = raw(tmp_path / "s.db", "SELECT sql FROM sqlite_master WHERE name='posts'")
    assert _check_values(ddl, "kind") == POST_KINDS
    assert _check_values(ddl, "source") == POST_SOURCES


def test_every_kind_is_stored_and_any_other_is_refused_by_the_store_and_the_database(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        posts = [{"platform": "mastodon", "account": "a@h.example", "native_id": kind, "kind": kind} for kind in POST_KINDS]
        assert store.upsert_posts(posts).inserted == len(POST_KINDS)
        with pytest.raises(StoreError, match="unknown post kind"):
            store.upsert_posts([{**posts[0], "native_id": "x", "kind": "tweet"}])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        raw(path, "UPDATE posts SET kind='tweet' WHERE native_id='original'")

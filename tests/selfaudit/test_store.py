"""The store: idempotent upserts, transactions, privacy, migrations."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from selfaudit.errors import StoreError
from selfaudit.store import MIGRATIONS, SCHEMA_VERSION, Store, utc_iso
from tests.selfaudit.rawsql import raw


def _post(native_id: str, text: str = "hello", **extra: object) -> dict[str, object]:
    return {"platform": "mastodon", "account": "nadia@host.example", "native_id": native_id,
            "created_at": "2024-05-01T12:00:00.123Z", "kind": "original", "text": text, **extra}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "data" / "selfaudit.db") as s:
        yield s


def test_same_post_twice_is_one_row(store: Store) -> None:
    first = store.upsert_posts([_post("a"), _post("b")])
    again = store.upsert_posts([_post("a"), _post("b")])
    assert (first.inserted, again.inserted, again.unchanged) == (2, 0, 2)
    assert [p["native_id"] for p in store.iter_posts()] == ["a", "b"]


def test_an_edit_updates_the_row_and_archive_does_not_overwrite_crawl(store: Store) -> None:
    store.upsert_posts([_post("a", "first text")])
    edited = store.upsert_posts([_post("a", "edited text")])
    assert edited.updated == 1
    store.upsert_posts([_post("a", "archive copy", source="archive")])
    (post,) = store.iter_posts()
    assert post["text"] == "edited text"
    assert post["source"] == "crawl"


def test_a_gathered_batch_is_written_whole_or_not_at_all(store: Store) -> None:
    owner = {"platform": "mastodon", "account": "nadia@host.example"}
    result = store.save_gathered(posts=[_post("a")], profiles=[{**owner, "bio": "hi"}],
                                 links=[{**owner, "url": "https://nadia.example/"}])
    assert (result.inserted, len(store.latest_profiles()), len(store.links())) == (1, 1, 1)
    with pytest.raises(KeyError):  # a link without its url: the posts of the batch go too
        store.save_gathered(posts=[_post("b")], links=[owner])
    assert [p["native_id"] for p in store.iter_posts()] == ["a"]
    again = store.save_gathered(posts=[_post("a", source="archive")])
    assert (again.inserted, again.unchanged) == (0, 1)


def test_timestamps_are_normalised_to_utc() -> None:
    assert utc_iso("2024-05-01T14:00:00+02:00") == "2024-05-01T12:00:00Z"
    assert utc_iso("2024-05-01T12:00:00.123456789Z") == "2024-05-01T12:00:00Z"
    assert utc_iso("2024-05-01T05:06:07.123456+02:00") == "2024-05-01T03:06:07Z"
    assert utc_iso("2024-05-01T05:06:07.1234567-05:30") == "2024-05-01T10:36:07Z"
    assert utc_iso(0) == "1970-01-01T00:00:00Z"
    assert utc_iso("2025-11-19 09:59:30") == "2025-11-19T09:59:30Z"
    with pytest.raises(StoreError):
        utc_iso("last tuesday")


def test_bad_kind_is_refused_and_the_batch_leaves_no_half_rows(store: Store) -> None:
    store.upsert_posts([_post("kept")])
    with pytest.raises(StoreError):
        store.upsert_posts([_post("x1"), _post("x2"), _post("bad", kind="tweet")])
    assert [p["native_id"] for p in store.iter_posts()] == ["kept"]


def test_crash_mid_batch_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as s:
        s.upsert_posts([_post("committed")])

        def batch() -> object:
            yield _post("half-1")
            yield _post("half-2")
            raise RuntimeError("simulated crash")

        with pytest.raises(RuntimeError):
            s.upsert_posts(batch())
    with Store.open(path, readonly=True) as reopened:
        assert [p["native_id"] for p in reopened.iter_posts()] == ["committed"]
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "d" / "selfaudit.db"
    with Store.open(path) as s:
        s.upsert_posts([_post("a")])
        for file in [path, Path(f"{path}-wal")]:
            if file.exists():
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_migration_from_an_older_schema_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store.open(path, migrate=False) as old:
        assert old.migrate(upto=1) == [MIGRATIONS[0][0]]
        old.upsert_posts([_post("a")])
        assert old.schema_version() == 1
    with Store.open(path) as new:
        assert new.schema_version() == SCHEMA_VERSION
        assert [p["native_id"] for p in new.iter_posts()] == ["a"]
        (pid,) = [p["id"] for p in new.iter_posts()]
        new.record_verification(pid, status="gone", http_status=410)
        assert new.post(pid)["gone_at"] is not None


def test_the_unused_reviews_table_is_dropped_from_old_stores(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    names = [name for name, _ in MIGRATIONS]
    with Store.open(path, migrate=False) as old:
        old.migrate(upto=names.index("store_drop_reviews"))
    tables = "SELECT name FROM sqlite_master WHERE type='table' AND name='reviews'"
    assert raw(path, tables) == [("reviews",)]
    Store.open(path).close()
    assert raw(path, tables) == []
    assert not hasattr(Store, "reviews") and not hasattr(Store, "set_review")


def test_newer_schema_and_garbage_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    raw(path, "INSERT INTO migrations VALUES ('999_future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer selfaudit"):
        Store.open(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a selfaudit database"):
        Store.open(junk)
    with pytest.raises(StoreError, match="no store yet"):
        Store.open(tmp_path / "missing.db", readonly=True)


def test_readonly_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    with Store.open(path, readonly=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.upsert_posts([_post("a")])


def test_profiles_are_snapshots_only_when_changed(store: Store) -> None:
    profile = {"platform": "mastodon", "account": "nadia@host.example", "display_name": "Nadia", "bio": "hi", "links": ["https://a.example"]}
    first = store.add_profile(profile, fetched_at="2024-01-01T00:00:00Z")
    same = store.add_profile(profile, fetched_at="2024-02-01T00:00:00Z")
    changed = store.add_profile({**profile, "bio": "UN staff"}, fetched_at="2024-03-01T00:00:00Z")
    assert first == same != changed
    (latest,) = store.latest_profiles()
    assert latest["bio"] == "UN staff" and latest["links"] == ["https://a.example"]


def test_gone_marking_after_a_full_pass(store: Store) -> None:
    store.upsert_posts([_post("a"), _post("b")], seen_at="2024-01-01T00:00:00Z")
    store.upsert_posts([_post("a")], seen_at="2024-02-01T00:00:00Z")
    assert store.mark_gone("mastodon", "nadia@host.example", since="2024-02-01T00:00:00Z") == 1
    gone = {p["native_id"]: p["gone_at"] for p in store.iter_posts()}
    assert gone["a"] is None and gone["b"] is not None
    store.upsert_posts([_post("b")])  # it came back
    assert all(p["gone_at"] is None for p in store.iter_posts())


def test_cursors_runs_and_findings(store: Store) -> None:
    store.set_cursor("mastodon", "nadia@host.example", "statuses", "123")
    assert store.get_cursor("mastodon", "nadia@host.example", "statuses") == "123"
    store.set_cursor("mastodon", "nadia@host.example", "statuses", None)
    assert store.get_cursor("mastodon", "nadia@host.example", "statuses") is None
    store.set_cursor("mastodon", "nadia@host.example", "crawl:statuses", '{"complete": true}')
    store.set_cursor("mastodon", "other@host.example", "crawl:statuses", "{}")
    assert store.cursors("mastodon", "nadia@host.example", prefix="crawl:") == {"crawl:statuses": '{"complete": true}'}
    assert store.cursors("mastodon", "nobody@host.example") == {}

    store.upsert_posts([_post("a")])
    run = store.start_run("crawl")
    store.record_account_status(run, "mastodon", "nadia@host.example", status="ok", items=1, errors=["HTTP 500 once"])
    store.finish_run(run, status="ok")
    (row,) = store.runs(kind="crawl")
    assert row["status"] == "ok" and row["accounts"][0]["errors"] == ["HTTP 500 once"]
    assert row["accounts"][0]["first_at"] == "2024-05-01T12:00:00Z"

    (post,) = store.posts_to_analyze("pack")
    finding = {"concern": "partisan-politics", "severity": "medium", "score": 0.9, "explanation": {"reason": "r"}}
    store.replace_post_findings("pack", {post["id"]: (post["content_hash"], [finding])})
    assert store.posts_to_analyze("pack") == []
    store.replace_post_findings("pack", {post["id"]: (post["content_hash"], [finding])})
    (stored,) = store.findings()
    assert stored["native_id"] == "a" and stored["explanation"] == {"reason": "r"}
    store.upsert_posts([_post("a", "changed")])
    assert len(store.posts_to_analyze("pack")) == 1


def test_embedding_cache_roundtrip(store: Store) -> None:
    store.put_embeddings("m", {"h1": b"\x00" * 8}, dim=2)
    assert store.get_embeddings("m", ["h1", "h2"]) == {"h1": b"\x00" * 8}
    assert store.get_embeddings("other", ["h1"]) == {}


def test_links_are_recorded_once_and_crawled_status_sticks(store: Store) -> None:
    link = {"platform": "mastodon", "account": "nadia@host.example", "url": "https://blog.example/", "origin": "field"}
    assert store.add_links([link, link]) == 1
    assert store.add_links([{**link, "status": "crawled"}]) == 0
    assert store.add_links([link]) == 0
    (row,) = store.links()
    assert row["status"] == "crawled"

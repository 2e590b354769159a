"""The copies table: a look-up that could not check never hides what an earlier one found; old stores read as empty."""

from __future__ import annotations

from pathlib import Path

from selfaudit.store import MIGRATIONS, Store, verify_state_of
from tests.selfaudit.rawsql import raw


def _post(store: Store) -> int:
    store.upsert_posts([{"platform": "mastodon", "account": "a@b.example", "native_id": "1", "text": "Vote Horizon"}])
    return int(next(store.iter_posts())["id"])


def test_latest_answer_per_look_up_and_clear_answers_stay(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        pid = _post(store)
        run1, run2, run3 = (store.start_run("verify") for _ in range(3))
        store.record_verification(pid, status="present", run_id=run1, edited=True)
        store.record_copies(pid, source="wayback", about="u", checked=True, run_id=run1,
                            copies=[{"where": "web.archive.org", "url": "https://w/1"}, {"where": "web.archive.org",
                                                                                        "url": "https://w/2"}])
        store.record_copies(pid, source="boosts", about="u", checked=True, run_id=run1,
                            copies=[{"where": "@r@f.example", "url": "https://f.example/@r"}])
        store.record_verification(pid, status="error", run_id=run2, detail="HTTP 503")
        store.record_copies(pid, source="wayback", about="u", checked=False, run_id=run2, detail="could not check: timed out")
        state = store.verify_state()[pid]
        assert state["online"] is True and state["edited"] is True and state["detail"] == "HTTP 503"
        assert [c["url"] for c in state["copies"]] == ["https://w/1", "https://w/2", "https://f.example/@r"]
        assert [u["source"] for u in state["unchecked"]] == ["wayback"]
        store.record_verification(pid, status="gone", run_id=run3)
        store.record_copies(pid, source="boosts", about="u", checked=True, run_id=run3, copies=[])
        state = store.verify_state()[pid]
        assert state["online"] is False and state["edited"] is None
        assert [c["source"] for c in state["copies"]] == ["wayback", "wayback"]  # the boost was undone
        assert len(store.copies(run_id=run1)) == 3 and len(store.copies()) == 5


def test_store_before_verify_copies_reads_as_nothing_found(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store.open(path, migrate=False) as store:
        store.migrate(upto=[name for name, _ in MIGRATIONS].index("verify_copies"))
        pid = _post(store)
    raw(path, "INSERT INTO verifications(post_id, status, checked_at) VALUES (?, 'gone', '2026-01-01T00:00:00Z')", pid)
    with Store.open(path, readonly=True) as old:
        assert old.verify_state() == {pid: {"online": False, "edited": None, "checked_at": "2026-01-01T00:00:00Z",
                                            "detail": None, "copies": [], "unchecked": []}}


def test_plain_rows_in_any_order_give_what_the_store_gives(tmp_path: Path) -> None:
    """The report's fixtures build ``verify_state`` with ``verify_state_of``: it must be the store's own derivation."""
    with Store.open(tmp_path / "s.db") as store:
        pid = _post(store)
        for status in ("gone", "error", "present", "error"):
            store.record_verification(pid, status=status, run_id=store.start_run("verify"), detail=status)
        store.record_copies(pid, source="wayback", about="u", checked=True, copies=[{"where": "w", "url": "https://w/1"}])
        rows = store.verifications()
        assert verify_state_of(reversed(rows), store.copies()) == store.verify_state()
        assert store.verify_state()[pid]["online"] is True and store.verify_state()[pid]["detail"] == "error"

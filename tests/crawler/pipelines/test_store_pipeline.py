"""The store pipeline: idempotent writes, checkpoints committed with their items, gone marking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from selfaudit.crawler.items import AccountStatusItem, CheckpointItem, PostItem, ProfileItem
from selfaudit.crawler.pipelines.store import StorePipeline, stream_state_key
from selfaudit.crawler.pipelines.validate import ValidatePipeline

from selfaudit.store import Store


def _post(n: int, kind: str = "original") -> PostItem:
    return PostItem(platform="mastodon", account="me@h", native_id=f"https://h/s/{n}", url=None,
                    created_at="2024-05-01T12:00:00Z", kind=kind, text=f"post {n}")


def _pipeline(tmp_path: Path, **kw: object) -> StorePipeline:
    pipe = StorePipeline(db_path=str(tmp_path / "db.sqlite"), **kw)  # type: ignore[arg-type]
    pipe.open_spider()
    return pipe


def test_same_post_twice_is_one_row(tmp_path: Path) -> None:
    pipe = _pipeline(tmp_path)
    for _ in range(2):
        pipe.process_item(_post(1))
    pipe.close_spider()
    with Store.open(tmp_path / "db.sqlite") as store:
        assert [p["native_id"] for p in store.iter_posts()] == ["https://h/s/1"]


def test_checkpoint_commits_items_and_cursor_together(tmp_path: Path) -> None:
    pipe = _pipeline(tmp_path, commit_every=1000)
    pipe.process_item(_post(1))
    pipe.process_item(CheckpointItem(platform="mastodon", account="me@h", stream="statuses", cursor="99",
                                     full=True, pass_started="2024-01-01T00:00:00Z"))
    pipe.process_item(_post(2))  # buffered, not committed: as if the process were killed now
    with Store.open(tmp_path / "db.sqlite") as store:
        assert [p["native_id"] for p in store.iter_posts()] == ["https://h/s/1"]
        state = json.loads(store.get_cursor("mastodon", "me@h", stream_state_key("statuses")) or "{}")
    assert state == {"cursor": "99", "full": True, "pass_started": "2024-01-01T00:00:00Z"}


def test_full_pass_end_marks_unseen_posts_gone_and_records_completion(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        store.upsert_posts([_as_dict(_post(n)) for n in (1, 2)],
                           seen_at="2020-01-01T00:00:00Z")
    pipe = _pipeline(tmp_path)
    pipe.process_item(_post(1))
    pipe.process_item(CheckpointItem(platform="mastodon", account="me@h", stream="statuses", cursor=None, done=True,
                                     full=True, pass_started="2024-01-01T00:00:00Z", kinds=("original",)))
    pipe.close_spider()
    with Store.open(tmp_path / "db.sqlite") as store:
        gone = {p["native_id"]: p["gone_at"] for p in store.iter_posts()}
        assert gone["https://h/s/1"] is None and gone["https://h/s/2"] is not None
        assert json.loads(store.get_cursor("mastodon", "me@h", stream_state_key("statuses"))) == {"complete": True}


def test_incremental_end_marks_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        store.upsert_posts([_as_dict(_post(2))], seen_at="2020-01-01T00:00:00Z")
    pipe = _pipeline(tmp_path)
    pipe.process_item(CheckpointItem(platform="mastodon", account="me@h", stream="statuses", cursor=None, done=True,
                                     full=False, pass_started="2024-01-01T00:00:00Z"))
    pipe.close_spider()
    with Store.open(tmp_path / "db.sqlite") as store:
        assert all(p["gone_at"] is None for p in store.iter_posts())


def test_status_rows_add_up_across_spiders(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        run = store.start_run("crawl")
    first = _pipeline(tmp_path, run_id=run)
    first.process_item(_post(1))
    first.process_item(ProfileItem(platform="mastodon", account="me@h", display_name="Me"))
    first.close_spider()
    second = _pipeline(tmp_path, run_id=run)
    second.process_item(AccountStatusItem(platform="mastodon", account="me@h", error="bio link x: HTTP 500"))
    second.close_spider()
    with Store.open(tmp_path / "db.sqlite") as store:
        row = store.run_account(run, "mastodon", "me@h")
    assert row is not None and row["items"] == 1 and row["errors"] == ["bio link x: HTTP 500"]
    assert row["status"] == "error"


def test_validate_drops_bad_posts() -> None:
    pipe = ValidatePipeline()
    assert pipe.process_item(_post(1)).native_id == "https://h/s/1"
    with pytest.raises(DropItem):
        pipe.process_item(_post(1, kind="boost"))
    bad_date = _post(2)
    bad_date.created_at = "2024-05-01 12:00"
    with pytest.raises(DropItem):
        pipe.process_item(bad_date)


def _as_dict(item: PostItem) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(item)

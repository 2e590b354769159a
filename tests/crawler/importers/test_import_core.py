"""import_archive end to end: idempotence, newer archives, runs, progress, and the CLI command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selfaudit.app.cli import app
from selfaudit.crawler.importers.core import import_archive
from typer.testing import CliRunner

from selfaudit.store import Store


def test_reimport_adds_nothing_and_newer_adds_only_new(tmp_path: Path, gen: Any, store: Store) -> None:
    old = gen.write_zip(gen.x_files(tweets=[gen.tweet("1", "one"), gen.tweet("2", "two")]), tmp_path / "old.zip")
    new = gen.write_zip(gen.x_files(tweets=[gen.tweet(str(i), w) for i, w in
                                            ((1, "one"), (2, "two"), (3, "three"))]), tmp_path / "new.zip")
    first = import_archive(old, store=store)
    again = import_archive(old, store=store)
    newer = import_archive(new, store=store)
    # 2 tweets + 1 like + 1 long post that matches no tweet (kept on its own), then 1 new tweet
    assert (first.inserted, again.inserted, newer.inserted) == (4, 0, 1)
    assert (again.accounts[0].unchanged, newer.accounts[0].unchanged) == (4, 4)
    assert len(store.latest_profiles()) == 1 and len(store.links()) == 1


def test_run_recorded_with_account_status(tmp_path: Path, gen: Any, store: Store) -> None:
    result = import_archive(gen.write_zip(gen.x_files(), tmp_path / "x.zip"), store=store)
    (run,) = store.runs(kind="import")
    assert run["id"] == result.run_id and run["status"] == "ok" and run["finished_at"]
    (acc,) = run["accounts"]
    assert (acc["platform"], acc["handle"], acc["status"], acc["items"]) == ("x", "ana_l", "ok", 6)
    assert acc["first_at"] == "2023-08-12T16:10:37Z"
    assert "deleted tweets" in run["detail"]


def test_profile_email_reaches_the_store(tmp_path: Path, gen: Any, store: Store) -> None:
    for files, name in ((gen.x_files(), "x.zip"), (gen.facebook_files(), "fb.zip"),
                        (gen.instagram_files(), "ig.zip"), (gen.linkedin_files(), "li.zip")):
        import_archive(gen.write_zip(files, tmp_path / name), store=store)
    emails = {p["platform"]: p["email"] for p in store.latest_profiles()}
    assert emails == {p: "ana.lopez@un.org" for p in ("x", "facebook", "instagram", "linkedin")}
    assert {p["source"] for p in store.latest_profiles()} == {"archive"}
    assert {p["source"] for p in store.iter_posts()} == {"archive"}


def test_progress_reports_reading_and_writing(tmp_path: Path, gen: Any, store: Store) -> None:
    calls: list[tuple[str, int, int]] = []
    posts = [gen.tweet(str(i), f"post {i}") for i in range(2500)]
    import_archive(gen.write_zip(gen.x_files(tweets=posts), tmp_path / "x.zip"), store=store,
                   progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls[:2] == [("opening archive", 0, 1), ("opening archive", 1, 1)]
    assert ("reading tweets", 1, 1) in calls
    writes = [c for c in calls if c[0] == "writing"]
    assert writes[0] == ("writing", 1000, 2502) and writes[-1] == ("writing", 2502, 2502)


def test_cli_imports_a_zip(tmp_path: Path, gen: Any) -> None:
    path = gen.write_zip(gen.x_files(), tmp_path / "twitter-2024-01-01.zip")
    data = tmp_path / "data"
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(path), "--data", str(data)])
    assert first.exit_code == 0, first.output
    assert "x ana_l: 6 items read, 6 new" in first.output
    again = runner.invoke(app, ["import", str(path), "--data", str(data), "--platform", "twitter"])
    assert again.exit_code == 0 and "0 new" in again.output and "6 already known" in again.output
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        assert sum(1 for _ in store.iter_posts()) == 6 and len(store.runs(kind="import")) == 2


def test_cli_broken_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(app, ["import", str(bad), "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert f"error: {bad}: not a readable zip archive" in " ".join(result.output.split())
    assert "Traceback" not in result.output

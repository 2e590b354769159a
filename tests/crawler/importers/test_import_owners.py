"""An archive is tied to the account the user named; someone else's archive gets a clear warning."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from selfaudit.app.cli import app
from selfaudit.crawler.importers.core import import_archive
from selfaudit.crawler.importers.owners import archive_date
from selfaudit.crawler.importers.records import Bundle
from selfaudit.crawler.items import ProfileItem
from typer.testing import CliRunner

from selfaudit.handles import parse_handle
from selfaudit.platforms import imported_accounts, waiting_for_archive
from selfaudit.store import Store


def test_a_named_x_archive_is_filed_under_the_named_account(tmp_path: Path, store: Store, gen: Any) -> None:
    path = gen.write_zip(gen.x_files(), tmp_path / "twitter-2026-01-31-abc.zip")
    named = [parse_handle("x:@Ana_L"), parse_handle("instagram:@ana_lopez")]
    result = import_archive(path, store=store, named=named)
    assert result.warnings == []
    assert [a.account for a in result.accounts] == ["ana_l"]
    assert result.archive_date == "2026-01-31"
    assert waiting_for_archive(named, imported_accounts(store)) == [named[1]]


def test_someone_elses_archive_is_kept_with_a_clear_warning(tmp_path: Path, store: Store, gen: Any) -> None:
    path = gen.write_zip(gen.x_files(), tmp_path / "twitter.zip")
    named = [parse_handle("x:@talia")]
    result = import_archive(path, store=store, named=named)
    assert len(result.warnings) == 1
    assert "this archive belongs to @ana_l, not @talia" in result.warnings[0]
    assert store.stats()["posts"] > 0  # nothing is lost
    assert waiting_for_archive(named, imported_accounts(store)) == named


def test_an_archive_without_a_user_name_is_the_named_one(tmp_path: Path, store: Store, gen: Any) -> None:
    files = {k: v for k, v in gen.instagram_files().items() if "personal_information" not in k}
    result = import_archive(gen.write_zip(files, tmp_path / "ig.zip"), store=store, platform="instagram",
                            named=[parse_handle("https://www.instagram.com/ana.l/")])
    assert result.warnings == [] and [a.account for a in result.accounts] == ["ana.l"]
    assert {p["account"] for p in store.iter_posts()} == {"ana.l"}


def test_linkedin_names_a_person_not_a_slug_so_it_is_tied_without_a_warning(tmp_path: Path, store: Store,
                                                                             gen: Any) -> None:
    result = import_archive(gen.write_zip(gen.linkedin_files(), tmp_path / "li.zip"), store=store,
                            named=[parse_handle("https://www.linkedin.com/in/ana-lopez/")])
    assert result.warnings == [] and [a.account for a in result.accounts] == ["ana-lopez"]


def test_archive_date_from_the_archive_then_the_name_then_the_file(tmp_path: Path) -> None:
    made = Bundle("x", "a", profiles=[ProfileItem("x", "a", extra={"archive_generated": "2025-12-01T10:00:00.000Z"})])
    assert archive_date("twitter-2026-01-31-abc.zip", [made]) == "2025-12-01"
    assert archive_date("archive-20260131101010-0123abcd.tar.gz", []) == "2026-01-31"
    assert archive_date("Basic_LinkedInDataExport_01-31-2026.zip", []) == "2026-01-31"
    plain = tmp_path / "export.zip"
    plain.write_bytes(b"")
    os.utime(plain, (1767225600, 1767225600))  # 2026-01-01 UTC
    assert archive_date(plain, []) == "2026-01-01"
    assert archive_date(tmp_path / "missing.zip", []) is None


def test_import_command_prints_the_warning(tmp_path: Path, gen: Any) -> None:
    path = gen.write_zip(gen.x_files(), tmp_path / "twitter.zip")
    config = tmp_path / "selfaudit.toml"
    config.write_text('accounts = ["x:@talia"]\n')
    result = CliRunner().invoke(app, ["import", str(path), "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "this archive belongs to @ana_l, not @talia" in " ".join(result.output.split())
    status = CliRunner().invoke(app, ["status", "--config", str(config), "--data", str(tmp_path / "d")])
    assert "Waiting for an archive" in status.output and "x:@talia" in status.output

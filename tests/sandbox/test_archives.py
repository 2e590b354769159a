"""The demo persona's X archive imports under its named account; its Instagram one stays missing."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.importers.core import import_archive
from selfaudit.sandbox.archives import CLOSED_SPECS, X_USER, write_x_archive

from selfaudit.handles import parse_handle
from selfaudit.platforms import imported_accounts, waiting_for_archive
from selfaudit.store import Store


def test_the_persona_x_archive_is_imported_and_instagram_waits(tmp_path: Path) -> None:
    named = [parse_handle(s) for s in CLOSED_SPECS]
    assert [s.platform for s in named] == ["x", "instagram"]
    with Store.open(tmp_path / "s.db") as store:
        result = import_archive(write_x_archive(tmp_path / "archives"), store=store, named=named)
        assert result.warnings == [] and result.archive_date == "2026-06-30"
        assert [(a.account, a.posts) for a in result.accounts] == [(X_USER, 9)]
        assert result.media == 4 and result.media_notes == []  # the photo tweets (#13)
        assert waiting_for_archive(named, imported_accounts(store)) == [named[1]]

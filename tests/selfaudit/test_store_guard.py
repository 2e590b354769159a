"""The store recognises its own file and refuses anything else, untouched (#14 items 7 and 11)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.errors import StoreError
from selfaudit.store import APPLICATION_ID, MIGRATIONS, Store
from tests.selfaudit.rawsql import raw


def _foreign(path: Path, *, app_id: int = 0) -> tuple[str, int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('my own notes')")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.commit()
    conn.close()
    os.chmod(path, 0o644)
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize("app_id", [0, 0x12345678])
@pytest.mark.parametrize("readonly", [False, True])
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, app_id: int, readonly: bool) -> None:
    path = tmp_path / "data" / "selfaudit.db"
    digest, mtime = _foreign(path, app_id=app_id)
    with pytest.raises(StoreError, match="not a selfaudit store"):
        Store.open(path, readonly=readonly)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest and path.stat().st_mtime_ns == mtime
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["selfaudit.db"]


def test_the_cli_refuses_a_foreign_store_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    digest, _ = _foreign(data / "selfaudit.db")
    for args in (["status"], ["export", "posts"], ["import", str(tmp_path / "missing.zip")]):
        result = CliRunner().invoke(app, [*args, "--data", str(data), "--config", "/dev/null"])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("error: ") and "not a selfaudit store" in result.output
    assert hashlib.sha256((data / "selfaudit.db").read_bytes()).hexdigest() == digest


def test_new_stores_are_marked_and_old_ones_adopted(tmp_path: Path) -> None:
    Store.open(tmp_path / "new.db").close()
    assert raw(tmp_path / "new.db", "PRAGMA application_id") == [(APPLICATION_ID,)]
    old = tmp_path / "old.db"
    before_marker = [name for name, _ in MIGRATIONS].index("harden_b_application_id")
    with Store.open(old, migrate=False) as store:
        store.migrate(upto=before_marker)
    assert raw(old, "PRAGMA application_id") == [(0,)]
    with Store.open(old, readonly=True) as store:
        assert store.schema_version() == before_marker
    Store.open(old).close()
    assert raw(old, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_a_zero_byte_database_is_one_line_or_a_fresh_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "selfaudit.db").write_bytes(b"")
    status = CliRunner().invoke(app, ["status", "--data", str(data), "--config", "/dev/null"])
    assert status.exit_code == 1 and status.output.startswith("error: ") and "no store yet" in status.output
    Store.open(data / "selfaudit.db").close()
    assert raw(data / "selfaudit.db", "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_data_pointing_at_a_file_is_one_line(tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    for args in (["status"], ["export", "posts"], ["import", str(tmp_path / "missing.zip")]):
        result = CliRunner().invoke(app, [*args, "--data", str(afile), "--config", "/dev/null"])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("error: ") and "Traceback" not in result.output, result.output
    assert afile.read_text() == "mine"


def test_an_unwritable_data_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    real_open = os.open

    def denied(path: str | os.PathLike[str], *args: object, **kwargs: object) -> int:
        if Path(path).parent == data:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(StoreError, match="Permission denied"):
        Store.open(data / "selfaudit.db")

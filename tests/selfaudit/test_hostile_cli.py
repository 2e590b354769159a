"""Hostile values through init, export and import (#14 items 10 and 12)."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.config import load_settings, toml_string
from selfaudit.files import private_open
from selfaudit.store import Store

runner = CliRunner()

HOSTILE_VALUES = [
    'Jean "JJ" Dupont',
    'x"\n[crawl]\nfast = true\n# "',
    "back\\slash \\u0041 and tab\tand \x00 NUL \x1b[31m ESC \x7f DEL",
    "emoji 🙂 and ünïcode, ''' and \"\"\"",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_toml_string_reads_back_exactly(value: str) -> None:
    assert tomllib.loads(f"v = {toml_string(value)}\n") == {"v": value}


@pytest.mark.parametrize("name", HOSTILE_VALUES)
def test_init_writes_a_config_every_command_can_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / "selfaudit.toml"
    result = runner.invoke(app, ["init", str(path), "--name", name, "--appointment-date", "2021-09-01"])
    assert result.exit_code == 0, result.output
    settings = load_settings(config=path, env={})
    assert settings.person.name == name
    assert settings.crawl.fast is False
    assert set(tomllib.loads(path.read_text(encoding="utf-8"))) == {"accounts", "archives", "person", "crawl",
                                                                     "bluesky", "analysis", "report", "verify"}


def test_folders_created_for_outputs_are_private(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir(mode=0o755)
    target = tmp_path / "shared" / "new" / "deeper" / "report.html"
    with private_open(target) as fh:
        fh.write("x")
    assert stat.S_IMODE((tmp_path / "shared" / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "shared" / "new" / "deeper").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o755
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_into_a_new_folder_makes_it_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data / "selfaudit.db").close()
    out = tmp_path / "exports" / "now" / "posts.jsonl"
    result = runner.invoke(app, ["export", "posts", "--data", str(data), "--config", "/dev/null", "-o", str(out)])
    assert result.exit_code == 0, result.output
    for folder in (out.parent, out.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_failed_import_leaves_no_empty_store(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    data = tmp_path / "data"
    result = runner.invoke(app, ["import", str(bad), "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 1 and result.output.startswith("error: ")
    assert not data.exists()
    status = runner.invoke(app, ["status", "--data", str(data), "--config", "/dev/null"])
    assert status.exit_code == 0 and "No store yet" in status.output


def test_a_failed_import_keeps_an_existing_store(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    data = tmp_path / "data"
    with Store.open(data / "selfaudit.db") as store:
        store.upsert_posts([{"platform": "x", "account": "a", "native_id": "1", "kind": "original", "text": "kept"}])
    result = runner.invoke(app, ["import", str(bad), "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 1
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        assert [p["text"] for p in store.iter_posts()] == ["kept"]

"""What the CLI prints: never hard-wrapped off a terminal, never read as markup (#14 items 9 and 13)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.store import Store
from selfaudit.terminal import make_console, printable, styled

COLUMN_SETTINGS = [None, "40", "200"]
HOSTILE = "evil[/]name [link=https://evil.example]click[/link] [bold red]x :smile: \x1b[31mred\x07"


def _printed(text: object, *, columns: str | None, monkeypatch: pytest.MonkeyPatch) -> str:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    console = make_console()
    console.file = io.StringIO()
    console.print(text)
    return console.file.getvalue()


@pytest.mark.parametrize("columns", COLUMN_SETTINGS)
def test_long_lines_are_not_wrapped_off_a_terminal(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    message = "Wrote /tmp/" + "a-very-long-folder-name/" * 12 + "report.html (2 flagged posts, 0 account findings)"
    assert _printed(message, columns=columns, monkeypatch=monkeypatch) == message + "\n"


@pytest.mark.parametrize("columns", COLUMN_SETTINGS)
def test_cli_prints_a_long_path_on_one_line_in_a_fresh_process(columns: str | None, tmp_path: Path) -> None:
    path = tmp_path.joinpath(*["folder-with-a-long-name"] * 6) / "selfaudit.toml"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")}
    if columns is not None:
        env["COLUMNS"] = columns
    out = subprocess.run([sys.executable, "-m", "selfaudit.app", "init", str(path), "--name", "N"],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"Wrote {path}. Edit it, then run `selfaudit audit`.\n" in out.stdout


def test_values_are_never_markup_emoji_or_control_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _printed(HOSTILE, columns=None, monkeypatch=monkeypatch)
    assert shown == printable(HOSTILE) + "\n"
    assert "[/]" in shown and "[link=https://evil.example]" in shown and ":smile:" in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b[31m" in shown
    assert _printed(styled(("error:", "red"), " " + HOSTILE), columns=None,
                    monkeypatch=monkeypatch) == "error: " + printable(HOSTILE) + "\n"


def test_status_and_export_survive_a_hostile_name_and_path(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data / "selfaudit.db") as store:
        store.upsert_posts([{"platform": "bluesky", "account": HOSTILE, "native_id": "at://x/app.bsky.feed.post/1",
                             "created_at": "2020-01-02T03:04:05Z", "kind": "original", "text": "hi"}])
    status = CliRunner().invoke(app, ["status", "--data", str(data), "--config", "/dev/null"])
    assert status.exit_code == 0, status.output
    assert "evil[/]name" in status.output and "\x1b" not in status.output
    output = tmp_path / "out[" / "][bold]posts.jsonl"
    export = CliRunner().invoke(app, ["export", "posts", "--data", str(data), "--config", "/dev/null", "-o", str(output)])
    assert export.exit_code == 0, export.output
    assert f"Wrote 1 posts to {output}" in export.output and output.exists()

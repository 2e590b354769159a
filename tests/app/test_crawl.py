"""``selfaudit crawl`` end to end through the CLI: status lines, exit code, one bad account among good ones."""

from __future__ import annotations

from pathlib import Path

from selfaudit.app.cli import app
from selfaudit.sandbox.persona import build_persona
from selfaudit.sandbox.server import Sandbox
from typer.testing import CliRunner

from selfaudit.store import Store


def test_crawl_command_reports_each_account_and_survives_a_bad_one(tmp_path: Path) -> None:
    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        good = f"mastodon:@un_veloria_hub@{sb.base_url}"
        bad = f"mastodon:@nobody@{sb.base_url}"
        config = tmp_path / "selfaudit.toml"
        config.write_text(f'accounts = ["{good}", "{bad}"]\n[crawl]\nbio_link_hops = 0\njavascript = false\n'
                          f'[bluesky]\nplc_url = "{sb.base_url}/plc"\nappview_url = ""\n', encoding="utf-8")
        result = CliRunner().invoke(app, ["crawl", "--fast", "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())  # the console wraps long lines
    assert f"un_veloria_hub@127.0.0.1:{sb.port}: ok, 9 items, 2022-03-01 .. 2024-05-10" in flat, flat
    assert f"nobody@127.0.0.1:{sb.port}: error, 0 items, no dates, 1 error(s): no such account" in flat, flat
    assert "crawl run 1: partial" in flat
    with Store.open(tmp_path / "d" / "selfaudit.db") as store:
        run = store.runs(kind="crawl")[0]
    assert run["status"] == "partial" and {a["status"] for a in run["accounts"]} == {"ok", "error"}


def test_crawl_help() -> None:
    result = CliRunner().invoke(app, ["crawl", "--help"])
    assert result.exit_code == 0 and "--fast" in result.output and "HANDLES" in result.output.upper()

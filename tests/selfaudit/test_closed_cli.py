"""init, crawl and status tell, per closed account, that it needs its archive and how to get it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.config import parse_settings


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_init_guides_to_each_archive_and_records_it_as_missing(tmp_path: Path) -> None:
    path = tmp_path / "selfaudit.toml"
    result = CliRunner().invoke(app, ["init", str(path), "-a", "@t@mastodon.example", "-a", "x:@talia",
                                      "-a", "https://www.instagram.com/talia.mh/"])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "X (Twitter) @talia cannot be read publicly" in out
    assert "Download an archive of your data" in out and "twitter-YYYY-MM-DD-<code>.zip" in out
    assert "Instagram @talia.mh cannot be read publicly" in out and "Format: JSON (not HTML)" in out
    assert "mastodon.example cannot" not in out
    text = path.read_text()
    assert '"x:@talia",  # closed platform: archive still missing' in text
    assert "# x:@talia: still missing" in text
    settings = parse_settings(tomllib.loads(text))
    assert [s.platform for s in settings.accounts] == ["mastodon", "x", "instagram"]
    assert settings.archives == ()


def test_crawl_of_closed_accounts_only_crawls_nothing_and_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["crawl", "x:@talia", "linkedin:talia-mh", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "X (Twitter) @talia cannot be read publicly" in out
    assert "LinkedIn @talia-mh cannot be read publicly" in out and "Get a copy of your data" in out
    assert "Nothing to crawl" in out
    assert not (tmp_path / "selfaudit.db").exists()


def test_status_without_a_store_lists_the_accounts_waiting_for_an_archive(tmp_path: Path) -> None:
    config = tmp_path / "selfaudit.toml"
    config.write_text('accounts = ["@t@mastodon.example", "x:@talia", "tiktok:@talia.mh"]\n')
    result = CliRunner().invoke(app, ["status", "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "Waiting for an archive" in result.output
    assert "x:@talia" in result.output and "tiktok:@talia.mh" in result.output
    assert "mastodon.example" not in result.output.split("Waiting for an archive")[1]

"""The CLI: help for every command, init, status, export."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.store import Store

runner = CliRunner()


def test_every_command_has_a_one_line_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert command.callback.__doc__, f"{name} has no docstring"
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, sub.output
        assert name in result.output


def test_console_script_help_runs_in_a_fresh_process() -> None:
    out = subprocess.run([sys.executable, "-m", "selfaudit.app", "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "init" in out.stdout and "export" in out.stdout


def test_init_writes_a_private_valid_config(tmp_path: Path) -> None:
    path = tmp_path / "selfaudit.toml"
    result = runner.invoke(app, ["init", str(path), "--name", "Nadia", "--appointment-date", "2021-09-01", "-a", "@nadia@host.example"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert '"@nadia@host.example"' in path.read_text()
    again = runner.invoke(app, ["init", str(path)])
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_init_refuses_a_bad_handle(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "c.toml"), "-a", "not a handle"])
    assert result.exit_code == 1
    assert "error:" in result.output and "Examples of handles" in result.output
    assert not (tmp_path / "c.toml").exists()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "selfaudit.db") as store:
        store.upsert_posts([
            {"platform": "bluesky", "account": "nadia.test", "native_id": "at://did:plc:x/app.bsky.feed.post/1",
             "created_at": "2020-01-02T03:04:05Z", "kind": "original", "text": "héllo, \"world\"", "lang": "fr"},
            {"platform": "bluesky", "account": "nadia.test", "native_id": "at://did:plc:x/app.bsky.feed.like/2",
             "created_at": "2021-01-02T03:04:05Z", "kind": "like", "text": "liked"},
        ])
        store.add_profile({"platform": "bluesky", "account": "nadia.test", "display_name": "Nadia", "bio": "bio", "links": ["https://a.example"]})
    return folder


def test_status_shows_the_store(data: Path) -> None:
    result = runner.invoke(app, ["status", "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert "nadia.test" in result.output and "2 posts" in result.output and "like" in result.output


def test_export_posts_jsonl_and_csv(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "posts", "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["original", "like"]
    assert set(rows[0]) == {"platform", "account", "id", "url", "created_at", "kind", "text", "lang", "source", "gone_at"}
    assert rows[0]["created_at"] == "2020-01-02T03:04:05Z" and rows[0]["text"] == 'héllo, "world"'
    out = tmp_path / "posts.csv"
    result = runner.invoke(app, ["export", "posts", "--format", "csv", "-o", str(out), "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    parsed = list(csv.DictReader(io.StringIO(out.read_text())))
    assert parsed[0]["text"] == 'héllo, "world"'


def test_export_profiles(data: Path) -> None:
    result = runner.invoke(app, ["export", "profiles", "--data", str(data), "--config", "/dev/null"])
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["display_name"] == "Nadia" and row["links"] == ["https://a.example"]


def test_export_without_a_store_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "posts", "--data", str(tmp_path / "none"), "--config", "/dev/null"])
    assert result.exit_code == 1
    assert "error:" in result.output and "no store yet" in result.output


def test_export_findings_carry_media_and_position(data: Path) -> None:
    with Store.open(data / "selfaudit.db") as store:
        post_id = next(p["id"] for p in store.iter_posts() if p["kind"] == "original")
        store.replace_post_findings("p", {post_id: ("h", [{"concern": "partisan-politics", "severity": "medium",
                                                           "score": 0.7, "explanation": {"reason": "text"}}])})
        store.replace_media_findings("p", {post_id: [{"concern": "security-risk", "severity": "high", "score": 0.9,
                                                      "explanation": {"reason": "gps", "origin": "media",
                                                                      "media": "ab.jpg", "lat": -1.3, "lon": 36.8}}]})
    result = runner.invoke(app, ["export", "findings", "--data", str(data), "--config", "/dev/null"])
    rows = {r["concern"]: r for r in (json.loads(line) for line in result.stdout.splitlines())}
    assert (rows["security-risk"]["media"], rows["security-risk"]["lat"], rows["security-risk"]["lon"]) == ("ab.jpg", -1.3, 36.8)
    assert (rows["partisan-politics"]["media"], rows["partisan-politics"]["lat"]) == (None, None)

"""The report refuses an empty password before writing anything and drops control characters (#14 item 12)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.store import Store

CONTROLS = "\x00\x07\x1b[31m\x08\x0b\x0c\x7f\x85\x9b"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "selfaudit.db") as store:
        store.upsert_posts([{"platform": "mastodon", "account": f"ana{CONTROLS}@social.example",
                             "native_id": "1", "url": "https://social.example/@ana/1", "kind": "original",
                             "created_at": "2024-02-03T04:05:06Z", "text": f"Vote for{CONTROLS} the Horizon Party"}])
        found = {"concern": "partisan-politics", "severity": "high", "score": 0.9, "timing": "post-appointment",
                 "explanation": {"reason": f"Calls{CONTROLS} to vote.", "triggers": [f"Vote{CONTROLS}"]},
                 "action": "delete"}
        store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [found])
                                                       for p in store.iter_posts()})
    return folder


def _report(data: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["report", "--data", str(data), "--config", "/dev/null", *args])


def test_control_characters_never_reach_the_report(data: Path, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    result = _report(data, "--html", str(html))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    page = html.read_text(encoding="utf-8")
    assert "Vote for[31m the Horizon Party" in page
    assert not any(ch in page for ch in CONTROLS if ch not in "[31m")


def test_an_empty_pdf_password_fails_before_anything_is_written(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _report(data, "--html", str(out / "r.html"), "--pdf", str(out / "r.pdf"), "--password", "")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert result.output.startswith("error: ") and "empty PDF password" in result.output  # type: ignore[attr-defined]
    assert not out.exists()


def test_the_report_folder_is_created_private(data: Path, tmp_path: Path) -> None:
    html = tmp_path / "new" / "folder" / "r.html"
    result = _report(data, "--html", str(html))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert stat.S_IMODE(html.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(html.parent.parent.stat().st_mode) == 0o700

"""`selfaudit report` and `selfaudit verify` end to end through the CLI."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.store import Store
from tests.loopback import serve

runner = CliRunner()


class _Gone(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        code = 404 if self.path == "/gone" else 200
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server() -> Iterator[str]:
    with serve(_Gone) as url:
        yield url


@pytest.fixture
def data(tmp_path: Path, server: str) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "selfaudit.db") as store:
        store.upsert_posts([
            {"platform": "web", "account": f"{server}/", "native_id": f"{server}{p}", "url": f"{server}{p}",
             "created_at": "2024-02-03T04:05:06Z", "kind": "page", "text": f"Vote for the Horizon Party {p}"}
            for p in ("/gone", "/here")
        ])
        found = {"concern": "partisan-politics", "severity": "high", "score": 0.9, "timing": "post-appointment",
                 "explanation": {"reason": "Calls to vote for a party.", "triggers": ["Vote"]}, "action": "delete"}
        store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [found]) for p in store.iter_posts()})
        for f in store.findings():
            store.add_decision(f, "delete")
    return folder


def _run(*args: str) -> Any:
    return runner.invoke(app, [*args, "--config", "/dev/null"])


def test_report_writes_private_html_and_encrypted_pdf(data: Path, tmp_path: Path) -> None:
    html, pdf = tmp_path / "out" / "r.html", tmp_path / "out" / "r.pdf"
    result = _run("report", "--data", str(data), "--html", str(html), "--pdf", str(pdf), "--password", "pw")
    assert result.exit_code == 0, result.output
    assert "2 flagged posts" in result.output and "(encrypted)" in result.output
    assert stat.S_IMODE(html.stat().st_mode) == 0o600 and stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert "Vote for the Horizon Party /gone" in html.read_text(encoding="utf-8")
    assert PdfReader(pdf).is_encrypted
    text = " ".join(p.extract_text() for p in PdfReader(pdf, password="pw").pages)
    assert "Horizon Party" in text


def test_verify_then_report_shows_progress(data: Path, tmp_path: Path, server: str) -> None:
    config = tmp_path / "selfaudit.toml"
    config.write_text(f'[verify]\nwayback_url = "{server}"\n', encoding="utf-8")  # the web archive stays local
    result = runner.invoke(app, ["verify", "--data", str(data), "--config", str(config), "--timeout", "5", "--fast"])
    assert result.exit_code == 0, result.output
    assert "1 gone, 1 still online" in result.output
    html = tmp_path / "r.html"
    result = _run("report", "--data", str(data), "--html", str(html))
    assert result.exit_code == 0, result.output
    assert "1 of 2 flagged posts cleaned up" in result.output
    assert "<strong>1 of 2</strong> flagged posts cleaned up" in html.read_text(encoding="utf-8")


def test_report_without_a_store_is_one_line_error(tmp_path: Path) -> None:
    result = _run("report", "--data", str(tmp_path / "nothing"), "--html", str(tmp_path / "r.html"))
    assert result.exit_code == 1
    assert "error:" in result.output and "Traceback" not in result.output


def test_pdf_password_from_the_environment(data: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", "--data", str(data), "--config", "/dev/null", "--html", str(tmp_path / "r.html"),
                                 "--pdf", str(pdf)], env={"SELFAUDIT_PDF_PASSWORD": "from-env"})
    assert result.exit_code == 0, result.output
    assert PdfReader(pdf).is_encrypted and PdfReader(pdf, password="from-env").pages

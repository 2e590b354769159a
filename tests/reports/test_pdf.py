"""The PDF: printed by real Chromium, text extractable, password enforced, mode 0600."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html
from selfaudit.reports.pdf import encrypt_pdf, html_to_pdf, write_pdf

from selfaudit.errors import ReportError
from tests.reports.conftest import sample_report_data


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(build_context(sample_report_data()))


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_pdf_has_the_findings_text(tmp_path: Path, html: str) -> None:
    path = write_pdf(tmp_path / "r.pdf", html)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reader = PdfReader(path)
    assert not reader.is_encrypted
    text = _text(reader)
    assert "Convoy leaves the Maridi hub" in text
    assert "golf buddies" in text
    assert "Method and limits" in text
    assert "Ethics Office" in text
    assert "Export ticks" not in text  # the filter bar is screen-only


def test_pdf_needs_the_password(tmp_path: Path, html: str) -> None:
    path = write_pdf(tmp_path / "r.pdf", html, password="s3cret pass", title="Self-review")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0].extract_text()
    assert PdfReader(path).decrypt("wrong") == 0
    ok = PdfReader(path, password="s3cret pass")
    assert "Convoy leaves the Maridi hub" in _text(ok)
    assert b"Convoy" not in path.read_bytes()


def test_empty_password_is_refused() -> None:
    with pytest.raises(ReportError):
        encrypt_pdf(b"%PDF-1.4", "")


def test_missing_chromium_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, html: str) -> None:
    monkeypatch.setenv("SELFAUDIT_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ReportError) as info:
        write_pdf(tmp_path / "r.pdf", html)
    message = str(info.value)
    assert "\n" not in message and "apt-get install chromium" in message
    assert not (tmp_path / "r.pdf").exists()


def test_pdf_makes_no_requests(html: str) -> None:
    """Our page asks for nothing; a remote image slipped in is aborted, yet the PDF prints."""
    blocked: list[str] = []
    assert html_to_pdf(html, blocked=blocked)[:5] == b"%PDF-"
    assert blocked == []
    leaky = html.replace("</main>", '<link rel="stylesheet" href="https://cdn.example/x.css"></main>')
    leaky = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", leaky)
    assert html_to_pdf(leaky, blocked=blocked)[:5] == b"%PDF-"
    assert blocked == ["https://cdn.example/x.css"]


def test_pdf_is_tagged_with_an_outline(tmp_path: Path, html: str) -> None:
    """Screen readers get structure and reading order; viewers get bookmarks from the headings."""
    reader = PdfReader(write_pdf(tmp_path / "r.pdf", html))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    def titles(items: list) -> list[str]:
        return [t for o in items for t in (titles(o) if isinstance(o, list) else [o.title])]

    assert titles(reader.outline)[:2] == ["Social media self-review: Ana Solís", "Start here"]
    text = _text(reader)
    assert text.index("Start here") < text.index("Convoy leaves the Maridi hub") < text.index("The rules, quoted")


def test_tagging_survives_encryption(tmp_path: Path, html: str) -> None:
    reader = PdfReader(write_pdf(tmp_path / "r.pdf", html, password="pw"), password="pw")
    assert "/StructTreeRoot" in reader.trailer["/Root"]

"""Print the report page to PDF with Chromium, optionally encrypted with AES-256.

Chromium renders only our HTML: every request the page makes is aborted (there
should be none). The PDF is tagged (structure and reading order for screen readers) and
carries an outline built from the headings. The unencrypted PDF never touches the disk when a password is set.
"""

from __future__ import annotations

import io
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from selfaudit.errors import ReportError
from selfaudit.files import write_private_bytes

__all__ = ["encrypt_pdf", "html_to_pdf", "write_pdf"]

_FOOTER = (
    '<div style="font-size:8px;color:#667;width:100%;padding:0 12mm;display:flex;justify-content:space-between">'
    "<span>Private self-review: keep this file to yourself</span>"
    '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
_NO_BROWSER = (
    "cannot start Chromium for the PDF: install it with `sudo apt-get install chromium` "
    "(or `playwright install chromium`); the HTML report works without it"
)


def html_to_pdf(html: str, *, timeout_ms: int = 120_000, blocked: list[str] | None = None) -> bytes:
    """Render ``html`` (our report page) to A4 PDF bytes in headless Chromium.

    Runs in a worker thread: Playwright's sync API refuses to run where an asyncio
    loop is already running (a Scrapy reactor, another Playwright session).

    Args:
        html: the page, as ``selfaudit.reports.html.render_html`` made it.
        timeout_ms: limit for loading and printing.
        blocked: when given, receives the URL of every request that was aborted.

    Raises:
        ReportError: when Playwright or Chromium is missing or the render fails.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="selfaudit-pdf") as pool:
        return pool.submit(_print, html, timeout_ms, blocked).result()


def _print(html: str, timeout_ms: int, blocked: list[str] | None) -> bytes:
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ReportError("the PDF needs Playwright: pip install playwright") from exc
    from selfaudit.browser import BrowserMissing, launch_options

    try:
        options = launch_options(timeout_ms=30_000)
    except BrowserMissing as exc:
        raise ReportError(_NO_BROWSER) from exc
    try:
        with sync_playwright() as pw:
            try:
                browser = pw.chromium.launch(**options)  # type: ignore[arg-type]
            except PlaywrightError as exc:
                raise ReportError(_NO_BROWSER) from exc
            try:
                context = browser.new_context(java_script_enabled=True, offline=True)
                page = context.new_page()
                page.set_default_timeout(timeout_ms)

                def _abort(route: Any) -> None:
                    if blocked is not None:
                        blocked.append(route.request.url)
                    route.abort()

                page.route("**/*", _abort)
                page.set_content(html, wait_until="load")
                page.emulate_media(media="print")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_FOOTER,
                    margin={"top": "12mm", "bottom": "14mm", "left": "12mm", "right": "12mm"},
                    tagged=True,  # an accessible PDF: headings, lists and reading order for screen readers
                    outline=True,  # bookmarks from the headings
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ReportError(f"Chromium could not print the report: {exc.message.splitlines()[0]}") from exc


def encrypt_pdf(data: bytes, password: str, *, title: str | None = None) -> bytes:
    """Encrypt PDF bytes with AES-256; opening needs ``password``.

    The owner password is random and never shown, so the file's permissions cannot
    be lifted with a known default.
    """
    from pypdf import PdfReader, PdfWriter

    if not password:
        raise ReportError("an empty PDF password would protect nothing")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if title:
        writer.add_metadata({"/Title": title})
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(24), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_pdf(path: Path | str, html: str, *, password: str | None = None, title: str | None = None) -> Path:
    """Render ``html`` to a PDF at ``path`` (mode 0600), encrypted when ``password`` is given."""
    data = html_to_pdf(html)
    if password is not None:
        data = encrypt_pdf(data, password, title=title)
    return write_private_bytes(path, data)

"""Render the report view-model into one self-contained HTML file.

CSS and JavaScript are inlined and allowed by hash in a strict Content-Security-Policy,
so nothing else can run or load: no inline handlers, no remote anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from selfaudit.errors import ReportError
from selfaudit.files import write_private_text

__all__ = ["FILTER_NAMES", "csp_for", "page_csp", "render_html", "write_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
FILTER_NAMES = (
    ("severity", "Severity"),
    ("concern", "Concern"),
    ("platform", "Platform"),
    ("timing", "Timing"),
    ("kind", "Kind"),
    ("status", "Still online?"),
    ("has_media", "Picture"),
    ("has_location", "Location"),
)


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp_for(css: str, js: str, *, review: bool = False) -> str:
    """The page's Content-Security-Policy: only our hashed style and script, nothing else.

    The review page may also send decisions to the server it came from (``connect-src 'self'``).
    """
    return "; ".join([
        "default-src 'none'",
        f"script-src {_sha256(js)}",
        f"style-src {_sha256(css)}",
        "img-src data:",
        "connect-src 'self'" if review else "connect-src 'none'",
        "font-src 'none'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'none'",
        "manifest-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ])


def page_csp(*, review: bool = False) -> str:
    """The policy :func:`render_html` puts in the page, for a server to send as a header too."""
    return csp_for(_asset("report.css"), _asset("report.js"), review=review)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (NUL, BEL, ESC, C1, ...): never valid in an HTML page, dropped from the data's text."""


def _printable(value: Any) -> Any:
    """``value`` (a context dict, list or string) with control characters removed from every string."""
    if isinstance(value, str):
        if not _CONTROL.search(value):
            return value
        cleaned = _CONTROL.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_printable(v) for v in value)
    return value


def render_html(context: dict[str, Any], *, review_token: str | None = None) -> str:
    """Render the report page from a ``selfaudit.reports.context.build_context`` result.

    Every string of the context loses its control characters first (text
    from posts may hold NUL, BEL or ESC; HTML has no place for them). With
    ``review_token`` the page is the review page: decision buttons that send
    the token, and a policy that lets them reach the page's own server.

    Raises:
        ReportError: when the template cannot be rendered (a missing field).
    """
    css, js = _asset("report.css"), _asset("report.js")
    context = _printable(context)
    try:
        return _env().get_template("report.html.j2").render(
            **context,
            css=Markup(css),
            js=Markup(js),
            csp=csp_for(css, js, review=review_token is not None),
            filter_names=FILTER_NAMES,
            review_token=review_token or "",
        )
    except TemplateError as exc:  # a missing field (StrictUndefined) or a template bug
        raise ReportError(f"cannot render the report: {exc}") from exc


def write_html(path: Path | str, html: str) -> Path:
    """Write the page with mode 0600 (it holds personal data) and return the path."""
    return write_private_text(path, html)

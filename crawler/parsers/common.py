"""Helpers shared by the parsers: UTC dates, HTML to text, link extraction."""

from __future__ import annotations

import re
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from selfaudit.errors import StoreError
from selfaudit.values import find_emails
from selfaudit.values import utc_iso as store_utc_iso

__all__ = ["find_email", "html_links", "html_to_text", "parse_link_header", "same_site", "utc_iso"]

_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
                     "article", "section", "main", "header", "footer", "table", "dl", "dt", "dd", "figure",
                     "figcaption", "hr"})
_DROP = frozenset({"script", "style", "noscript", "template", "head", "title"})
_WS = re.compile(r"[ \t\r\f\v]+")


def utc_iso(raw: str | None) -> str | None:
    """Normalise an RFC 3339 / ISO 8601 / RFC 822 date to ``YYYY-MM-DDTHH:MM:SSZ`` in UTC.

    ISO forms go through the shared normaliser in selfaudit.values (any fraction digits, naive =
    UTC); RSS dates are RFC 822. Returns None for empty or unreadable input
    rather than guessing.
    """
    if not raw or not isinstance(raw, str):
        return None
    try:
        return store_utc_iso(raw)
    except StoreError:
        pass
    try:
        stamp = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tree(html: str) -> Any:
    try:
        return lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _walk(el: Any, out: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag and tag not in _DROP:
        if tag == "br":
            out.append("\n")
        elif tag in _BLOCKS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out)
        if tag in _BLOCKS:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def _clean_lines(text: str) -> str:
    lines = [_WS.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment, keeping paragraph breaks.

    Mastodon splits URLs into invisible/ellipsis spans; the invisible parts are
    kept so that the text holds the full URL. Scripts and styles are dropped.
    One lxml parse, because this runs for every post of a 20,000-post crawl.
    """
    if not html:
        return ""
    root = _tree(html)
    if root is None:
        return _clean_lines(html)
    out: list[str] = []
    _walk(root, out)
    return _clean_lines("".join(out))


def html_links(html: str | None, *, base: str | None = None) -> list[tuple[str, str]]:
    """``(absolute_url, label)`` for every http(s) ``<a href>`` in the fragment, in order, unique."""
    if not html or "<a" not in html.lower():
        return []
    root = _tree(html)
    if root is None:
        return []
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href:
            continue
        url = urljoin(base, href) if base else href
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        out.append((url, _WS.sub(" ", a.text_content().replace("\n", " ")).strip()))
    return out


def parse_link_header(value: str | None) -> dict[str, str]:
    """RFC 8288 ``Link`` header to ``{rel: url}``."""
    if not value:
        return {}
    out: dict[str, str] = {}
    for part in re.finditer(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)", value):
        url, params = part.group(1), part.group(2)
        rel = re.search(r'rel\s*=\s*"?([^";,]+)"?', params)
        if rel:
            for name in rel.group(1).split():
                out.setdefault(name, url)
    return out


def same_site(url: str, root: str) -> bool:
    """Whether ``url`` is on the same host (and port) as ``root``."""
    a, b = urlsplit(url), urlsplit(root)
    return a.scheme in ("http", "https") and a.netloc.lower() == b.netloc.lower()


def find_email(*texts: str | None) -> str | None:
    """The first e-mail address a profile shows (a field value, the bio, a ``mailto:`` link), lower-cased.

    The ``professional-email`` account concern needs it; profiles only show
    it as text, so it is read from every public text of the profile. What
    counts as an address is the shared rule, :func:`selfaudit.values.find_emails`.
    """
    for text in texts:
        for address in find_emails(text):
            return address.lower()
    return None

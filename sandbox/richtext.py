"""Plain post text to Mastodon HTML and to Bluesky facets (UTF-8 byte offsets).

One tokenizer feeds both renderings, so the same post carries the same links,
tags and mentions on every platform.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

__all__ = ["tokens", "mastodon_html", "bsky_facets", "links_in"]

_TOKEN = re.compile(r"(?P<url>https?://[^\s]+[^\s.,!?;:)])|(?P<tag>(?<!\w)#\w+)|(?P<mention>(?<!\w)@[\w.-]+\w)")


def tokens(text: str) -> list[tuple[str, str]]:
    """Split text into ``(kind, text)`` with kind ``text|url|tag|mention``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()]))
        out.append((m.lastgroup or "text", m.group()))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def links_in(text: str) -> list[str]:
    """URLs in a text, in order."""
    return [value for kind, value in tokens(text) if kind == "url"]


def _link_html(url: str) -> str:
    scheme, _, rest = url.partition("://")
    shown, hidden = rest[:23], rest[23:]
    ellipsis = "ellipsis" if hidden else ""
    return (f'<a href="{escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
            f'<span class="invisible">{escape(scheme)}://</span><span class="{ellipsis}">{escape(shown)}</span>'
            f'<span class="invisible">{escape(hidden)}</span></a>')


def mastodon_html(text: str, *, base: str, mention_url: Callable[[str], str | None]) -> str:
    """Sanitized-HTML ``content`` as Mastodon renders a plain-text toot."""
    parts: list[str] = []
    for kind, value in tokens(text):
        if kind == "url":
            parts.append(_link_html(value))
        elif kind == "tag":
            name = value[1:]
            parts.append(f'<a href="{base}/tags/{escape(name.lower())}" class="mention hashtag" rel="tag">'
                         f"#<span>{escape(name)}</span></a>")
        elif kind == "mention" and (url := mention_url(value[1:])):
            user = value[1:].split("@")[0]
            parts.append(f'<span class="h-card" translate="no"><a href="{escape(url)}" class="u-url mention">'
                         f"@<span>{escape(user)}</span></a></span>")
        else:
            parts.append(escape(value).replace("\n", "<br />"))
    return "<p>" + "".join(parts) + "</p>"


def bsky_facets(text: str, *, did_of: Callable[[str], str | None]) -> list[dict[str, object]]:
    """``app.bsky.richtext.facet`` list with UTF-8 byte offsets (end exclusive)."""
    facets: list[dict[str, object]] = []
    offset = 0
    for kind, value in tokens(text):
        size = len(value.encode("utf-8"))
        feature: dict[str, str] | None = None
        if kind == "url":
            feature = {"$type": "app.bsky.richtext.facet#link", "uri": value}
        elif kind == "tag":
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": value[1:]}
        elif kind == "mention" and (did := did_of(value[1:])):
            feature = {"$type": "app.bsky.richtext.facet#mention", "did": did}
        if feature:
            facets.append({"$type": "app.bsky.richtext.facet",
                           "index": {"byteStart": offset, "byteEnd": offset + size}, "features": [feature]})
        offset += size
    return facets

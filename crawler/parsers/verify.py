"""What ``verify`` asks and how it reads the answers: pure functions, no I/O.

A post is re-checked where it lives (Mastodon's status API, the PDS's
``getRecord``, the page itself): only a clear "this does not exist" (HTTP
404/410, AT Protocol ``RecordNotFound``) is ``gone``; a 5xx, a 429 or a timeout
is ``unknown``, never gone. Copies are looked up in three places: the Wayback
Machine's CDX API (captures of the post's URL; a tweet's x.com and twitter.com
forms too), Mastodon's ``reblogged_by`` (who boosted it, so whose servers keep
a copy) and Bluesky's ``getQuotes``. Only the user's own posts are asked about:
a like or a repost points at someone else's post, so it gets no copy look-up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from selfaudit.crawler.parsers.bluesky import post_web_url
from selfaudit.crawler.parsers.common import html_to_text

__all__ = ["Check", "Copy", "Lookup", "Target", "VerifyPlan", "check_answer", "copy_lookups", "is_edited",
           "parse_cdx", "parse_quotes", "parse_reblogged_by", "plan_for", "target_for", "tweet_urls"]

_MASTODON_URI = re.compile(r"^(https?://[^/]+)/users/[^/]+/statuses/(\d+)(?:/activity)?/?$")
_AT_URI = re.compile(r"^at://([^/]+)/([^/]+)/([^/?#]+)$")
_TWEET = re.compile(r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/([^/]+)/status(?:es)?/(\d+)")
_GONE_XRPC = {"RecordNotFound", "RepoNotFound"}
_OWN_KINDS = frozenset({"original", "reply", "quote", "page"})
"""Kinds whose words are the user's own: the only ones whose copies are looked for."""
_MOST_COPIES = 50


@dataclass(frozen=True, slots=True)
class Target:
    """Where to ask whether a post still exists: ``http`` (404/410 = gone) or ``xrpc`` (RecordNotFound)."""

    url: str
    mode: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lookup:
    """One copy look-up: ``source`` is ``wayback``, ``boosts`` or ``quotes``."""

    source: str
    url: str
    about: str
    """The post URL (or URI) asked about, for the report."""


@dataclass(frozen=True, slots=True)
class VerifyPlan:
    """Everything ``verify`` asks about one post."""

    post_id: int
    kind: str
    platform: str
    text: str
    target: Target | None
    lookups: tuple[Lookup, ...] = ()

    def as_job(self) -> dict[str, Any]:
        """The JSON-ready form the verify spider reads."""
        return {"post_id": self.post_id, "kind": self.kind, "platform": self.platform, "text": self.text,
                "target": None if self.target is None else {"url": self.target.url, "mode": self.target.mode,
                                                            "headers": self.target.headers},
                "lookups": [{"source": lk.source, "url": lk.url, "about": lk.about} for lk in self.lookups]}


@dataclass(frozen=True, slots=True)
class Check:
    """The answer about one post: ``present``, ``gone`` or ``error`` (unknown), and whether it was edited."""

    status: str
    http_status: int | None
    detail: str
    edited: bool | None = None


@dataclass(frozen=True, slots=True)
class Copy:
    """One copy that still exists: ``where`` (a place a person can be asked) and the copy's ``url``."""

    where: str
    url: str


def _http_link(value: Any) -> str | None:
    text = str(value or "")
    return text if urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc else None


def target_for(post: dict[str, Any], *, bluesky_service: str | None = None) -> Target | None:
    """Where to check ``post``; None when it cannot be checked without logging in (X, Instagram...).

    Mastodon: the status API on its home server (``/api/v1/statuses/ID``), else the
    status page. Bluesky: ``com.atproto.repo.getRecord`` on the account's PDS (its
    ``service_url``) or the given AppView. Web: the page itself.
    """
    platform = post.get("platform")
    native = str(post.get("native_id") or "")
    if platform == "mastodon":
        m = _MASTODON_URI.match(native)
        if m:
            return Target(f"{m.group(1)}/api/v1/statuses/{m.group(2)}", "http", {"Accept": "application/json"})
        url = _http_link(post.get("url")) or _http_link(native)
        return Target(url, "http") if url else None
    if platform == "bluesky":
        m = _AT_URI.match(native)
        service = _http_link(post.get("service_url")) or _http_link(bluesky_service)
        if not m or not service:
            return None
        query = urlencode({"repo": m.group(1), "collection": m.group(2), "rkey": m.group(3)})
        return Target(f"{service.rstrip('/')}/xrpc/com.atproto.repo.getRecord?{query}", "xrpc",
                      {"Accept": "application/json"})
    if platform == "web":
        url = _http_link(post.get("url")) or _http_link(native)
        return Target(url, "http") if url else None
    return None


def tweet_urls(url: str) -> list[str]:
    """A tweet's URL in both forms the archive may hold it under (x.com and twitter.com); [] if not a tweet."""
    m = _TWEET.match(url or "")
    if not m:
        return []
    return [f"https://x.com/{m.group(1)}/status/{m.group(2)}", f"https://twitter.com/{m.group(1)}/status/{m.group(2)}"]


def copy_lookups(post: dict[str, Any], *, wayback_url: str, bluesky_service: str | None = None) -> list[Lookup]:
    """The copy look-ups for one of the user's own posts (none for likes and reposts: not their words)."""
    if post.get("kind") not in _OWN_KINDS:
        return []
    out: list[Lookup] = []
    url = _http_link(post.get("url"))
    native = str(post.get("native_id") or "")
    forms = tweet_urls(url or "") or ([url] if url else [])
    base = wayback_url.rstrip("/")
    for form in forms:
        out.append(Lookup("wayback", f"{base}/cdx/search/cdx?{urlencode({'url': form, 'output': 'json'})}", form))
    if post.get("platform") == "mastodon" and (m := _MASTODON_URI.match(native)):
        out.append(Lookup("boosts", f"{m.group(1)}/api/v1/statuses/{m.group(2)}/reblogged_by", url or native))
    service = _http_link(bluesky_service)
    if post.get("platform") == "bluesky" and service and _AT_URI.match(native):
        out.append(Lookup("quotes", f"{service.rstrip('/')}/xrpc/app.bsky.feed.getQuotes?"
                                    f"{urlencode({'uri': native, 'limit': _MOST_COPIES})}", url or native))
    return out


def plan_for(post: dict[str, Any], *, wayback_url: str, bluesky_service: str | None = None) -> VerifyPlan:
    """What to ask about one stored post (its ``id``, ``kind``, ``platform``, ``text``, ``url``...)."""
    return VerifyPlan(post_id=int(post["id"]), kind=str(post.get("kind") or ""), platform=str(post.get("platform") or ""),
                      text=str(post.get("text") or ""), target=target_for(post, bluesky_service=bluesky_service),
                      lookups=tuple(copy_lookups(post, wayback_url=wayback_url, bluesky_service=bluesky_service)))


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def _current_text(body: bytes, *, platform: str) -> str | None:
    """The post's text as served now, where the answer holds it (a status, a record); else None."""
    data = _json(body)
    if not isinstance(data, dict):
        return None
    if platform == "mastodon" and "content" in data and not data.get("reblog"):
        return html_to_text(data.get("content"))
    if platform == "bluesky" and isinstance(data.get("value"), dict) and "text" in data["value"]:
        return str(data["value"]["text"] or "")
    return None


def is_edited(stored: str, current: str | None) -> bool | None:
    """Whether the text changed since it was stored (white space aside); None when unknown."""
    if current is None:
        return None
    return _squash(stored) != _squash(current)


def check_answer(status: int, body: bytes, *, mode: str, platform: str = "", kind: str = "",
                 stored_text: str = "") -> Check:
    """Turn an HTTP answer into present/gone/error, and say whether a present post was edited."""
    if 200 <= status < 300:
        edited = is_edited(stored_text, _current_text(body, platform=platform)) if kind in _OWN_KINDS else None
        return Check("present", status, "edited since it was gathered" if edited else "", edited)
    if status in (404, 410):
        return Check("gone", status, f"HTTP {status}")
    if mode == "xrpc" and status == 400:
        data = _json(body)
        error = str(data.get("error", "")) if isinstance(data, dict) else ""
        if error in _GONE_XRPC:
            return Check("gone", status, error)
        return Check("error", status, f"HTTP 400 {error}".strip())
    if status == 429:
        return Check("error", status, "HTTP 429: rate limited, try again later")
    return Check("error", status, f"HTTP {status}")


def parse_cdx(body: bytes, *, wayback_url: str) -> list[Copy]:
    """Captures from a CDX ``output=json`` answer (a header row, then one row per capture).

    Captures of an error page (status 4xx/5xx) hold no copy and are left out; the
    same content captured twice (same digest) is listed once.

    Raises:
        ValueError: the answer is not a CDX JSON table.
    """
    data = _json(body) if body.strip() else []
    if not isinstance(data, list) or any(not isinstance(row, list) for row in data):
        raise ValueError("not a CDX JSON answer")
    if not data:
        return []
    header = [str(h) for h in data[0]]
    if "timestamp" not in header or "original" not in header:
        raise ValueError("CDX answer without timestamp/original columns")
    col = {name: i for i, name in enumerate(header)}
    base = wayback_url.rstrip("/")
    where = urlsplit(base).netloc or base
    seen: set[str] = set()
    out: list[Copy] = []
    for row in data[1:]:
        if len(row) < len(header):
            continue
        stamp, original = str(row[col["timestamp"]]), str(row[col["original"]])
        code = str(row[col["statuscode"]]) if "statuscode" in col else "200"
        digest = str(row[col["digest"]]) if "digest" in col else stamp
        if not stamp.isdigit() or code[:1] in ("4", "5") or digest in seen:
            continue
        seen.add(digest)
        out.append(Copy(where, f"{base}/web/{stamp}/{original}"))
        if len(out) >= _MOST_COPIES:
            break
    return out


def parse_reblogged_by(body: bytes, *, status_url: str) -> list[Copy]:
    """Accounts that boosted a status: ``where`` is their server (whose admin can be asked), ``url`` the account.

    Raises:
        ValueError: the answer is not a list of accounts.
    """
    data = _json(body)
    if not isinstance(data, list):
        raise ValueError("not a list of accounts")
    home = urlsplit(status_url).netloc
    out: list[Copy] = []
    for account in data[:_MOST_COPIES]:
        if not isinstance(account, dict):
            continue
        acct = str(account.get("acct") or account.get("username") or "")
        user, _, host = acct.partition("@")
        server = host or home
        link = _http_link(account.get("url")) or (f"https://{server}/@{user}" if user and server else None)
        if user and link:
            out.append(Copy(f"@{user}@{server}", link))
    return out


def parse_quotes(body: bytes) -> list[Copy]:
    """Posts by others that quote the post (``getQuotes``): ``where`` is the quoting handle, ``url`` the quote.

    Raises:
        ValueError: the answer has no ``posts`` list.
    """
    data = _json(body)
    posts = data.get("posts") if isinstance(data, dict) else None
    if not isinstance(posts, list):
        raise ValueError("not a getQuotes answer")
    out: list[Copy] = []
    for view in posts[:_MOST_COPIES]:
        if not isinstance(view, dict) or not str(view.get("uri") or "").startswith("at://"):
            continue
        author = view.get("author") or {}
        handle = str(author.get("handle") or author.get("did") or "")
        out.append(Copy(f"@{handle}" if handle else "bluesky", post_web_url(str(view["uri"]), handle=handle or None)))
    return out

"""LinkedIn data export (CSV files, possibly member-id suffixed or in a nested folder) to records.

Shares are keyed by the URN in their link (``urn:li:share:…``/``ugcPost``/
``activity``), which is stable across exports. ``Comments.csv`` escapes quotes
as ``\\"`` (not RFC 4180) and may leave the date blank. Addresses, birth dates
and phone numbers are never copied.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from selfaudit.crawler.importers.errors import CorruptArchiveError
from selfaudit.crawler.importers.records import Bundle, link, post, profile, stable_id
from selfaudit.crawler.importers.source import ArchiveSource

from selfaudit.values import is_email

__all__ = ["PLATFORM", "find_root", "read_csv", "parse_shares", "parse_comments", "parse_profile",
           "parse_emails", "parse_archive"]

PLATFORM = "linkedin"
_FILE = re.compile(r"(?:^|/)(Shares|Comments|Profile|Email Addresses)(?:_\d+)?\.csv$", re.IGNORECASE)
_URN = re.compile(r"urn:li:(?:share|ugcPost|activity|comment):[^/?&\s]+")
csv.field_size_limit(64 * 2**20)


def find_root(names: list[str]) -> str | None:
    """The folder holding ``Shares.csv`` or ``Profile.csv`` (suffixes allowed), or None."""
    for name in names:
        m = _FILE.search(name)
        if m and m.group(1).lower() in ("shares", "profile"):
            return name[: m.start(1)]
    return None


def _file(names: list[str], root: str, stem: str) -> str | None:
    for name in sorted(names):
        rel = name[len(root):] if name.startswith(root) else None
        if rel and (m := _FILE.fullmatch(rel)) and m.group(1).lower() == stem.lower():
            return name
    return None


def read_csv(data: bytes, *, name: str, backslash_quotes: bool = False) -> list[dict[str, str]]:
    """Rows of a LinkedIn CSV as dicts; BOM stripped; ``\\"`` accepted where LinkedIn writes it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptArchiveError(f"{name} is not UTF-8 text ({exc})") from exc
    kwargs: dict[str, Any] = {"escapechar": "\\", "doublequote": True} if backslash_quotes else {}
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), **kwargs))
    except csv.Error as exc:
        raise CorruptArchiveError(f"{name} is not a readable CSV file ({exc})") from exc
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def _date(raw: str | None) -> str | None:
    """``2025-11-19 09:59:30`` (zone-less, taken as UTC) to ISO 8601; None when blank or unreadable."""
    if not raw:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%y, %I:%M %p", "%m/%d/%Y"):
        try:
            return datetime.strptime(raw.strip(), fmt).replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            continue
    return None


def _urn(url: str) -> str | None:
    m = _URN.search(unquote(url or ""))
    return m.group(0) if m else None


def parse_shares(rows: list[dict[str, str]], *, account: str) -> list[dict[str, Any]]:
    """``Shares.csv``: own posts; an empty commentary with a shared URL is a bare reshare."""
    out = []
    for row in rows:
        text, shared, share_link = row.get("ShareCommentary", ""), row.get("SharedUrl", ""), row.get("ShareLink", "")
        if not (text or shared or share_link):
            continue
        kind = "repost" if shared and not text else "original"
        extra: dict[str, Any] = {k: v for k, v in (("visibility", row.get("Visibility")),
                                                    ("media_url", row.get("MediaUrl"))) if v}
        if shared:
            extra["links"] = [shared]
        created = _date(row.get("Date"))
        out.append(post(platform=PLATFORM, account=account, native_id=_urn(share_link) or stable_id(created, text),
                        url=share_link or None, created_at=created, kind=kind, text=text,
                        original_url=shared or None if kind == "repost" else None, extra=extra))
    return out


def parse_comments(rows: list[dict[str, str]], *, account: str) -> list[dict[str, Any]]:
    """``Comments.csv``: own comments (replies) with the link of the post commented on."""
    out = []
    for row in rows:
        text, url = row.get("Message", ""), row.get("Link", "")
        if not text:
            continue
        created = _date(row.get("Date"))
        urn = _urn(url.split("commentUrn=", 1)[1]) if "commentUrn=" in url else None
        out.append(post(platform=PLATFORM, account=account,
                        native_id=urn or f"comment:{stable_id(created, url, text)}", url=url or None,
                        created_at=created, kind="reply", text=text, reply_to=_urn(url.split("?", 1)[0]),
                        extra={"commented_on": url} if url else {}))
    return out


def parse_profile(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Name, headline, summary and websites of ``Profile.csv``; address and birth date dropped."""
    row = rows[0] if rows else {}
    name = " ".join(x for x in (row.get("First Name"), row.get("Last Name")) if x).strip()
    sites = re.findall(r"https?://[^\s,\]]+", row.get("Websites", ""))
    bio = "\n\n".join(x for x in (row.get("Headline"), row.get("Summary")) if x)
    return {"name": name or None, "bio": bio, "links": sites, "headline": row.get("Headline") or None,
            "industry": row.get("Industry") or None}


def parse_emails(rows: list[dict[str, str]]) -> list[str]:
    """Addresses of ``Email Addresses.csv``, the primary one first."""
    rows = sorted(rows, key=lambda r: r.get("Primary", "").lower() != "yes")
    return [r["Email Address"] for r in rows if is_email(r.get("Email Address", ""))]


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None) -> list[Bundle]:
    """Shares, comments, profile and e-mail addresses of a LinkedIn export under ``root``."""
    names = source.names()
    arch = str(source.path)

    def rows(stem: str, *, backslash: bool = False) -> list[dict[str, str]]:
        name = _file(names, root, stem)
        if name is None:
            return []
        return read_csv(source.read(name), name=f"{arch}: {name}", backslash_quotes=backslash)

    facts = parse_profile(rows("Profile"))
    emails = parse_emails(rows("Email Addresses"))
    account = facts["name"] or "linkedin-archive-owner"
    posts = parse_shares(rows("Shares"), account=account)
    if progress:
        progress("reading shares", 1, 2)
    posts += parse_comments(rows("Comments", backslash=True), account=account)
    if progress:
        progress("reading comments", 2, 2)
    bundle = Bundle(PLATFORM, account, posts=list({p["native_id"]: p for p in posts}.values()))
    bundle.profiles.append(profile(platform=PLATFORM, account=account, display_name=facts["name"], bio=facts["bio"],
                                   links=facts["links"], email=emails[0] if emails else None,
                                   extra={"emails": emails, "headline": facts["headline"],
                                          "industry": facts["industry"]}))
    bundle.links = [link(platform=PLATFORM, account=account, url=u, label="website") for u in facts["links"]]
    return [bundle]

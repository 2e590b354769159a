"""Record builders and text repairs shared by the archive parsers (pure functions)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import UTC, datetime
from typing import Any

from selfaudit.crawler.importers.errors import CorruptArchiveError

__all__ = ["Bundle", "ShapeError", "objects", "post", "profile", "link", "as_record", "fix_mojibake", "unix_iso", "stable_id",
           "load_json", "PII_KEYS"]

PII_KEYS = frozenset({"phoneNumber", "phone_numbers", "phone", "upload_ip", "ip", "ip_address",
                      "latitude", "longitude", "coordinate", "exif_data", "media_metadata"})
"""Keys whose values are never copied into records (phone numbers, IPs, GPS)."""

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LATEST = datetime(9999, 12, 31, tzinfo=UTC).timestamp()


class ShapeError(ValueError):
    """A value in a data file has the wrong JSON type; the import turns it into one error naming the file."""


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")


def objects(value: Any, *, what: str) -> list[dict[str, Any]]:
    """``value`` checked to be a list of JSON objects; ShapeError naming ``what[index]`` otherwise."""
    if not isinstance(value, list):
        raise ShapeError(f"{what} should be a list, not {_kind(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ShapeError(f"{what}[{i}] should be an object, not {_kind(item)}")
    return value


@dataclass(slots=True)
class Bundle:
    """Everything parsed for one account of an archive, before anything is written."""

    platform: str
    account: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    profiles: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def post(*, platform: str, account: str, native_id: str, created_at: str | None, kind: str,
         text: str = "", url: str | None = None, html: str | None = None, lang: str | None = None,
         media_alt: list[str] | None = None, original_author: str | None = None,
         original_url: str | None = None, reply_to: str | None = None, edited_at: str | None = None,
         extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A post record with exactly the keys of docs/architecture.md and ``source="archive"``."""
    return {"platform": platform, "account": account, "native_id": native_id, "url": url,
            "created_at": created_at, "kind": kind, "text": text, "html": html, "lang": lang,
            "media_alt": media_alt or [], "source": "archive", "original_author": original_author,
            "original_url": original_url, "reply_to": reply_to, "edited_at": edited_at, "extra": extra or {}}


def profile(*, platform: str, account: str, display_name: str | None = None, bio: str = "",
            bio_html: str | None = None, links: list[str] | None = None, email: str | None = None,
            avatar_alt: str | None = None, created_at: str | None = None,
            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A profile record with exactly the architecture keys and ``source="archive"``."""
    return {"platform": platform, "account": account, "display_name": display_name, "bio": bio,
            "bio_html": bio_html, "links": links or [], "email": email, "avatar_alt": avatar_alt,
            "created_at": created_at, "source": "archive", "extra": extra or {}}


def link(*, platform: str, account: str, url: str, label: str | None = None, origin: str = "bio") -> dict[str, Any]:
    """A link record; archive links are never fetched, so ``status="recorded"``."""
    return {"platform": platform, "account": account, "url": url, "label": label, "origin": origin,
            "status": "recorded"}


def as_record(item: Any) -> dict[str, Any]:
    """A crawler item dataclass (shared parsers) turned into an archive record dict."""
    rec = asdict(item) if is_dataclass(item) else dict(item)
    if "source" in rec:
        rec["source"] = "archive"
    return rec


def _fix_str(s: str) -> str:
    if s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def fix_mojibake(value: Any) -> Any:
    """Undo Meta's export fault (UTF-8 bytes written as ``\\u00XX``) in values AND keys.

    A string is re-decoded only when all its characters fit in Latin-1 and the
    bytes form valid UTF-8, so text that was written correctly is left alone.
    """
    if isinstance(value, str):
        return _fix_str(value)
    if isinstance(value, list):
        return [fix_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {_fix_str(k): fix_mojibake(v) for k, v in value.items()}
    return value


def unix_iso(ts: Any) -> str | None:
    """Unix seconds (int, float or numeric string) to ``YYYY-MM-DDTHH:MM:SSZ``; None if unusable."""
    try:
        val = float(ts)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(val) or val <= 0:
        return None
    if val > 1e11:  # milliseconds
        val /= 1000
    if val > _LATEST:
        return None
    return datetime.fromtimestamp(val, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_id(*parts: Any) -> str:
    """A short id derived from content, equal across exports of the same post."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _no_surrogates(value: Any) -> Any:
    """Lone UTF-16 halves (``"\\ud800"``) replaced by U+FFFD: they cannot be stored as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    return value


def load_json(data: bytes, *, archive: str, name: str) -> Any:
    """Parse JSON bytes (a UTF-8 BOM allowed) or raise CorruptArchiveError naming the file.

    Lone surrogate escapes become U+FFFD (scanned for only when the text has
    a ``\\ud8``-``\\udf`` escape at all); nesting too deep is an error.
    """
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text)
        if re.search(r"\\u[dD][89a-fA-F]", text):
            value = _no_surrogates(value)
        return value
    except UnicodeDecodeError as exc:
        raise CorruptArchiveError(f"{archive}: {name} is not UTF-8 text ({exc})") from exc
    except RecursionError as exc:
        raise CorruptArchiveError(f"{archive}: {name} is nested too deeply to be an export file") from exc
    except json.JSONDecodeError as exc:
        raise CorruptArchiveError(f"{archive}: {name} is not valid JSON ({exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}); the file may be cut short") from exc

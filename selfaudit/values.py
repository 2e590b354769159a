"""Small value rules shared by every stage: UTC timestamps and text hashes.

They live in the core (not in the store) so that parsers, analysis and reports
use the same rule without importing the database layer.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from selfaudit.errors import StoreError

__all__ = ["now_iso", "text_hash", "utc_iso"]


def now_iso() -> str:
    """The current time as ISO 8601 UTC with a ``Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_iso(value: str | dt.datetime | dt.date | int | float | None) -> str | None:
    """Normalise a timestamp to ``YYYY-MM-DDTHH:MM:SSZ`` (UTC).

    Accepts datetimes, dates, Unix seconds and ISO 8601 strings with any
    fraction digits and any offset; naive values are taken as UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = dt.datetime.fromtimestamp(value, dt.UTC)
    elif isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        stamp = dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        head, dot, rest = text.partition(".")
        if dot:  # trim fractions longer than microseconds (Bluesky allows any)
            digits = rest[: len(rest) - len(rest.lstrip("0123456789"))]
            zone = rest[len(digits):]
            text = f"{head}.{digits[:6]}{zone}" if digits else f"{head}{zone}"
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            raise StoreError(f"not a timestamp: {value!r}") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_hash(text: str) -> str:
    """A stable key for a text (embedding cache, change detection)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

"""One date format for the whole report (context and coverage both print dates)."""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["human_date", "parse_date"]


def parse_date(value: object) -> date | None:
    """The date of a ``date``, ``datetime`` or ISO string (``2019-10-14T...``); None when there is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def human_date(value: object) -> str:
    """``2019-10-14T...`` -> ``14 Oct 2019``; empty string when there is no date."""
    d = parse_date(value)
    return f"{d.day} {d.strftime('%b %Y')}" if d else ""

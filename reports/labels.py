"""Plain-language labels for ids used in the report (platforms, kinds, timings, severities).

Actions and their how-to lines live in ``selfaudit.reports.actions``. Concern titles come
from the policy pack (``selfaudit.reports.rules.pack_info``), read through :func:`concern_label`.

Ids are the contract in ``shared/concerns.md``; the words here are for a reader who has
never seen the contract. Unknown ids fall back to a readable form of the id.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfaudit.analysis.severity import POST_APPOINTMENT, PRE_APPOINTMENT

__all__ = [
    "KINDS",
    "PLATFORMS",
    "SEVERITY_LABELS",
    "SEVERITY_RANK",
    "TIMINGS",
    "concern_label",
    "label",
]

PLATFORMS = {
    "mastodon": "Mastodon", "bluesky": "Bluesky", "web": "Website", "x": "X (Twitter)",
    "facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn", "threads": "Threads",
}

KINDS = {
    "original": "Post", "reply": "Reply", "repost": "Repost", "quote": "Quote post",
    "like": "Like", "page": "Web page",
}

SEVERITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Info"}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}

# Keys: the timings ``selfaudit.analysis.severity.timing_of`` gives, plus "unknown" (no date).
TIMINGS = {
    PRE_APPOINTMENT: "Before appointment",
    POST_APPOINTMENT: "After appointment",
    "unknown": "Timing unknown",
}


def label(table: Mapping[str, str], key: str | None) -> str:
    """Human label for ``key`` in ``table``; an unknown id becomes ``Capitalised words``."""
    if key is None:
        return "Unknown"
    value = table.get(key)
    if value:
        return value
    return key.replace("-", " ").replace("_", " ").capitalize()


def concern_label(concerns: Mapping[str, Mapping[str, str]], concern: str) -> tuple[str, str]:
    """(title, what it is about) of a concern, from the pack's ``concerns`` (``PackInfo``).

    A concern the pack does not name gets a readable form of its id and no about line.
    """
    found = concerns.get(concern) or {}
    return str(found.get("title") or label({}, concern)), str(found.get("about") or "")

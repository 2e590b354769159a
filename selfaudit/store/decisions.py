"""Decisions on findings: what the user chose to do about each one, kept as history.

A finding's row id changes at every re-analysis, so decisions are keyed by
:func:`finding_uid`, which depends only on the post (platform and native id)
or account (platform and handle) and the concern. Every decision is a new row
(the latest wins) carrying the post's text hash at the time, so an edited post
keeps its history and a ``keep`` or ``dismiss`` lapses once the words change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from selfaudit.errors import StoreError
from selfaudit.store.writer import Writer
from selfaudit.values import now_iso, text_hash

__all__ = ["ACTIONS", "TEXT_BOUND", "Decisions", "current_decision", "finding_text_hash", "finding_uid"]

ACTIONS = ("delete", "edit", "restrict", "unlike", "keep", "dismiss")
"""What a user can decide about a finding (``unlike`` also stands for un-repost)."""
TEXT_BOUND = frozenset({"keep", "dismiss"})
"""Decisions that judge the words: they stop applying when the post's text changes."""


def finding_uid(finding: Mapping[str, Any]) -> str:
    """The stable id of a finding, as ``selfaudit export findings`` lists it.

    Args:
        finding: a row of ``Store.findings()`` (or any mapping with ``platform``,
            ``concern`` and either ``post_id`` + ``native_id`` or ``account``).

    Returns:
        ``f`` and 12 hex digits; the same while the post (or account) and the
        concern are the same, across re-crawls and re-analysis.
    """
    if finding.get("post_id") is not None:
        parts = ("post", finding.get("platform"), finding.get("native_id"), finding.get("concern"))
    else:
        parts = ("account", finding.get("platform"), finding.get("account"), finding.get("concern"))
    raw = "\x1f".join(str(p or "") for p in parts)
    return "f" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]


def finding_text_hash(finding: Mapping[str, Any]) -> str | None:
    """The hash of the finding's post text (None for an account finding)."""
    return text_hash(str(finding.get("text") or "")) if finding.get("post_id") is not None else None


def current_decision(finding: Mapping[str, Any], decisions: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """The finding's latest decision while it still applies, else None.

    ``keep`` and ``dismiss`` judge the words, so they lapse once the post's text
    has changed since (the edited post is judged afresh; its history stays).
    ``delete``, ``edit``, ``restrict`` and ``unlike`` are acts that a changed
    text does not undo.
    """
    decision = decisions.get(finding_uid(finding))
    if decision is None:
        return None
    if decision["action"] in TEXT_BOUND and decision.get("text_hash") != finding_text_hash(finding):
        return None
    return dict(decision)


class Decisions(Writer):
    """The ``decisions`` table: one row per decision, the latest per finding wins."""

    def add_decision(
        self, finding: Mapping[str, Any], action: str, *, note: str | None = None, decided_at: str | None = None
    ) -> dict[str, Any]:
        """Record a decision on a finding (a row of :meth:`findings`) and return it.

        Raises:
            StoreError: an unknown action.
        """
        if action not in ACTIONS:
            raise StoreError(f"unknown decision {action!r} (one of {', '.join(ACTIONS)})")
        post = finding.get("post_id") is not None
        row = {
            "finding_id": finding_uid(finding),
            "platform": str(finding.get("platform") or ""),
            "target": str(finding.get("native_id") if post else finding.get("account")),
            "scope": "post" if post else "account",
            "concern": str(finding["concern"]),
            "action": action,
            "note": note or None,
            "text_hash": finding_text_hash(finding),
            "decided_at": decided_at or now_iso(),
        }
        with self._write() as conn:
            cur = conn.execute(
                f"INSERT INTO decisions({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))
        return {"id": int(cur.lastrowid or 0), **row}

    def _no_decisions_yet(self) -> bool:
        """A store made before decisions existed and opened read-only (not migrated) has no table: nothing decided."""
        return self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='decisions'").fetchone() is None

    def decisions(self) -> dict[str, dict[str, Any]]:
        """The latest decision per finding id (``{finding_id: decision}``)."""
        if self._no_decisions_yet():
            return {}
        rows = self._conn.execute(
            "SELECT * FROM decisions WHERE id IN (SELECT MAX(id) FROM decisions GROUP BY finding_id) ORDER BY id")
        return {r["finding_id"]: dict(r) for r in rows}

    def decision_history(self) -> list[dict[str, Any]]:
        """Every decision ever recorded, oldest first."""
        if self._no_decisions_yet():
            return []
        return [dict(r) for r in self._conn.execute("SELECT * FROM decisions ORDER BY id")]

"""What ``verify`` learnt beyond "gone or not": copies of each post that remain elsewhere (#12).

One row per copy found (a web-archive capture, a boosting account, a quoting
post); a look-up that found none leaves one row without ``url``, one that could
not ask (the service down, a 5xx) one row with ``checked = 0``, so a later look-up
that fails never hides what an earlier one found.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from selfaudit.store.writer import Writer
from selfaudit.values import now_iso

__all__ = ["Copies", "verify_state_of"]


class Copies(Writer):
    """The ``copies`` table, and each post's verify state read with the ``verifications`` table."""

    def record_copies(self, post_id: int, *, source: str, about: str, checked: bool,
                      copies: Iterable[Mapping[str, str]] = (), run_id: int | None = None,
                      detail: str | None = None) -> None:
        """Record one copy look-up of a post: the copies found, none, or that it could not ask.

        Args:
            post_id: the post asked about.
            source: ``wayback``, ``boosts`` or ``quotes``.
            about: the address asked about (a tweet has two).
            checked: False when the service could not be asked (``detail`` says why).
            copies: ``{"where", "url"}`` of each copy found.
            run_id: the ``verify`` run.
            detail: why it could not check.
        """
        rows = [(c.get("where"), c.get("url")) for c in copies] if checked else []
        now = now_iso()
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO copies(run_id, post_id, source, about, checked, place, url, detail, checked_at)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(run_id, post_id, source, about, int(checked), where, url, detail, now)
                 for where, url in (rows or [(None, None)])])

    def _copy_rows(self) -> list[sqlite3.Row]:
        """Every copy row, oldest first; none in a store made before verify looked for copies (opened read-only)."""
        if self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='copies'").fetchone() is None:
            return []
        return list(self._conn.execute("SELECT * FROM copies ORDER BY checked_at, id"))

    def copies(self, *, run_id: int | None = None) -> list[dict[str, Any]]:
        """Copy look-up rows (of one run), oldest first."""
        sql = "SELECT * FROM copies" + (" WHERE run_id=?" if run_id is not None else "") + " ORDER BY checked_at, id"
        return [dict(r) for r in self._conn.execute(sql, (run_id,) if run_id is not None else ())]

    def verify_state(self) -> dict[int, dict[str, Any]]:
        """What verify knows per post (see :func:`verify_state_of`), read from the store."""
        return verify_state_of(self._conn.execute("SELECT * FROM verifications ORDER BY checked_at, id"),
                               self._copy_rows())


def _field(row: Mapping[str, Any], key: str) -> Any:
    """``row[key]``, or None where the row lacks the column (an old store, a report fixture)."""
    return row[key] if key in row.keys() else None


def verify_state_of(verifications: Iterable[Mapping[str, Any]],
                    copies: Iterable[Mapping[str, Any]] = ()) -> dict[int, dict[str, Any]]:
    """What verify knows per post: ``online``, ``edited``, ``checked_at``, ``detail``, ``copies``, ``unchecked``.

    The one place a post's online state is derived, so that the report's card, its
    "remains" section and its progress line cannot disagree. ``online`` comes from the
    latest clear answer (present: True, gone: False); an answer that settled nothing
    (a 5xx, a timeout) does not undo it, and a post with no clear answer yet is None.
    ``copies`` are the latest successful look-up's, per source and address;
    ``unchecked`` lists the look-ups whose latest try could not ask.

    Args:
        verifications: ``verifications`` rows (sqlite rows or plain dicts), in any order.
        copies: ``copies`` rows, oldest first.
    """
    out: dict[int, dict[str, Any]] = {}

    def entry(post_id: int) -> dict[str, Any]:
        return out.setdefault(post_id, {"online": None, "edited": None, "checked_at": None, "detail": None,
                                        "copies": [], "unchecked": []})

    for v in sorted(verifications, key=lambda v: (str(_field(v, "checked_at") or ""), _field(v, "id") or 0)):
        e = entry(int(v["post_id"]))
        e["checked_at"], e["detail"] = _field(v, "checked_at"), _field(v, "detail")
        if v["status"] in ("present", "gone"):
            e["online"] = v["status"] == "present"
            edited = _field(v, "edited")
            e["edited"] = None if edited is None else bool(edited)
    latest: dict[tuple[int, str, str], list[Mapping[str, Any]]] = {}
    found: dict[tuple[int, str, str], list[Mapping[str, Any]]] = {}
    for row in copies:
        key = (int(row["post_id"]), str(row["source"]), str(row["about"]))
        for table in (latest, found) if row["checked"] else (latest,):
            group = table.get(key)
            if group and (group[-1]["checked_at"], group[-1]["run_id"]) == (row["checked_at"], row["run_id"]):
                group.append(row)
            else:
                table[key] = [row]
    for key, rows in latest.items():
        e = entry(key[0])
        if not rows[-1]["checked"]:
            e["unchecked"].append({"source": key[1], "about": key[2], "detail": rows[-1]["detail"],
                                   "checked_at": rows[-1]["checked_at"]})
        for row in found.get(key, []):
            if row["url"]:
                e["copies"].append({"source": key[1], "where": row["place"], "url": row["url"],
                                    "about": key[2], "checked_at": row["checked_at"]})
    return out

"""Links found on profiles and pages, with the hop at which each was met."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from selfaudit.store.accounts import Accounts
from selfaudit.values import now_iso

__all__ = ["Links"]


class Links(Accounts):
    """The ``links`` table (bio links and the pages they lead to)."""

    def add_links(self, links: Iterable[Mapping[str, Any]]) -> int:
        """Record links found on profiles and pages; returns how many were new.

        A link met again keeps the smallest hop it was ever found at (its
        shortest path from a profile), so hops never grow from run to run.
        """
        added = 0
        with self._write() as conn:
            for link in links:
                account = self.upsert_account(str(link["platform"]), str(link["account"]))
                origin = link.get("origin") or "bio"
                known = conn.execute(
                    "SELECT 1 FROM links WHERE account_id=? AND url=? AND origin=?", (account, link["url"], origin)
                ).fetchone()
                conn.execute(
                    "INSERT INTO links(account_id, url, label, origin, status, first_seen, hop) VALUES (?,?,?,?,?,?,?)"
                    " ON CONFLICT(account_id, url, origin) DO UPDATE SET status=CASE WHEN excluded.status='crawled'"
                    " THEN 'crawled' ELSE status END, label=COALESCE(excluded.label, label),"
                    " hop=MIN(hop, excluded.hop)",
                    (account, link["url"], link.get("label"), origin, link.get("status") or "recorded", now_iso(),
                     int(link.get("hop") or 0)),
                )
                added += known is None
        return added

    def links(self, *, account_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded links, optionally of one account."""
        if account_id is None:
            rows = self._conn.execute("SELECT l.*, a.platform, a.handle AS account FROM links l JOIN accounts a ON a.id=l.account_id ORDER BY l.id")
        else:
            rows = self._conn.execute(
                "SELECT l.*, a.platform, a.handle AS account FROM links l JOIN accounts a ON a.id=l.account_id WHERE l.account_id=? ORDER BY l.id",
                (account_id,),
            )
        return [dict(r) for r in rows]

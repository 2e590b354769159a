"""Crawl, import, verify and analyze runs, per-account progress and paging cursors."""

from __future__ import annotations

import json
from typing import Any

from selfaudit.store.accounts import Accounts
from selfaudit.store.writer import _json
from selfaudit.values import now_iso

__all__ = ["Runs"]


class Runs(Accounts):
    """The ``runs``, ``run_accounts`` and ``cursors`` tables."""

    def start_run(self, kind: str, *, detail: str | None = None) -> int:
        """Open a run (``crawl``, ``import``, ``verify``, ``analyze``) and return its id."""
        with self._write() as conn:
            cur = conn.execute("INSERT INTO runs(kind, started_at, detail) VALUES (?,?,?)", (kind, now_iso(), detail))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, status: str = "ok") -> None:
        """Close a run with its overall status (``ok``, ``partial``, ``failed``, ``interrupted``)."""
        with self._write() as conn:
            conn.execute("UPDATE runs SET finished_at=?, status=? WHERE id=?", (now_iso(), status, run_id))

    def record_account_status(
        self,
        run_id: int,
        platform: str,
        handle: str,
        *,
        status: str,
        items: int = 0,
        errors: list[str] | None = None,
        full_pass: bool = False,
    ) -> None:
        """Record (or update) how one account fared in a run; the date range is computed from its posts."""
        with self._write() as conn:
            account = self.upsert_account(platform, handle)
            first, last = conn.execute(
                "SELECT MIN(created_at), MAX(created_at) FROM posts WHERE account_id=?", (account,)
            ).fetchone()
            conn.execute(
                "INSERT INTO run_accounts(run_id, account_id, status, items, first_at, last_at, errors, full_pass, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(run_id, account_id) DO UPDATE SET status=excluded.status,"
                " items=excluded.items, first_at=excluded.first_at, last_at=excluded.last_at, errors=excluded.errors,"
                " full_pass=excluded.full_pass, updated_at=excluded.updated_at",
                (run_id, account, status, items, first, last, _json(errors or [], "[]"), int(full_pass), now_iso()),
            )

    def runs(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        """Runs newest first, each with its per-account rows under ``accounts``."""
        sql = "SELECT * FROM runs" + (" WHERE kind=?" if kind else "") + " ORDER BY id DESC"
        out = []
        for run in self._conn.execute(sql, (kind,) if kind else ()):
            item = dict(run)
            item["accounts"] = [
                {**dict(r), "errors": json.loads(r["errors"])}
                for r in self._conn.execute(
                    "SELECT ra.*, a.platform, a.handle FROM run_accounts ra JOIN accounts a ON a.id=ra.account_id"
                    " WHERE run_id=? ORDER BY a.id",
                    (run["id"],),
                )
            ]
            out.append(item)
        return out

    def get_cursor(self, platform: str, handle: str, key: str) -> str | None:
        """A saved paging position (resumable crawls)."""
        row = self._conn.execute(
            "SELECT c.value FROM cursors c JOIN accounts a ON a.id=c.account_id WHERE a.platform=? AND a.handle=? AND c.key=?",
            (platform, handle, key),
        ).fetchone()
        return str(row[0]) if row else None

    def cursors(self, platform: str, handle: str, *, prefix: str = "") -> dict[str, str]:
        """Every saved paging position of an account whose key starts with ``prefix`` (a spider's memory)."""
        rows = self._conn.execute(
            "SELECT c.key, c.value FROM cursors c JOIN accounts a ON a.id=c.account_id"
            " WHERE a.platform=? AND a.handle=? ORDER BY c.key",
            (platform, handle),
        )
        return {str(r[0]): str(r[1]) for r in rows if str(r[0]).startswith(prefix)}

    def set_cursor(self, platform: str, handle: str, key: str, value: str | None) -> None:
        """Save (or, with None, forget) a paging position."""
        with self._write() as conn:
            account = self.upsert_account(platform, handle)
            if value is None:
                conn.execute("DELETE FROM cursors WHERE account_id=? AND key=?", (account, key))
            else:
                conn.execute(
                    "INSERT INTO cursors(account_id, key, value, updated_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(account_id, key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at",
                    (account, key, value, now_iso()),
                )

    def run_account(self, run_id: int, platform: str, handle: str) -> dict[str, Any] | None:
        """One account's status row in a run (errors decoded), or None; lets several spiders add up."""
        row = self._conn.execute(
            "SELECT ra.* FROM run_accounts ra JOIN accounts a ON a.id=ra.account_id"
            " WHERE ra.run_id=? AND a.platform=? AND a.handle=?",
            (run_id, platform, handle),
        ).fetchone()
        if row is None:
            return None
        return {**dict(row), "errors": json.loads(row["errors"])}

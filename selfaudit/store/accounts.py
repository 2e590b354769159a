"""Accounts and their profile snapshots."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from selfaudit.store.writer import Writer, _json
from selfaudit.values import now_iso, text_hash, utc_iso

__all__ = ["Accounts"]


class Accounts(Writer):
    """The ``accounts`` and ``profiles`` tables."""

    def upsert_account(
        self,
        platform: str,
        handle: str,
        *,
        spec: str | None = None,
        native_id: str | None = None,
        service_url: str | None = None,
        display_name: str | None = None,
        created_at: str | None = None,
    ) -> int:
        """Create the account if new, fill in what is now known, return its id."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO accounts(platform, handle, spec, native_id, service_url, display_name, created_at, first_seen)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(platform, handle) DO UPDATE SET"
                " spec=COALESCE(excluded.spec, spec), native_id=COALESCE(excluded.native_id, native_id),"
                " service_url=COALESCE(excluded.service_url, service_url),"
                " display_name=COALESCE(excluded.display_name, display_name),"
                " created_at=COALESCE(excluded.created_at, created_at)",
                (platform, handle, spec, native_id, service_url, display_name, utc_iso(created_at), now_iso()),
            )
            row = conn.execute("SELECT id FROM accounts WHERE platform=? AND handle=?", (platform, handle)).fetchone()
        return int(row[0])

    def account_id(self, platform: str, handle: str) -> int | None:
        """The id of an account, or None when it is unknown."""
        row = self._conn.execute("SELECT id FROM accounts WHERE platform=? AND handle=?", (platform, handle)).fetchone()
        return int(row[0]) if row else None

    def accounts(self) -> list[dict[str, Any]]:
        """Every account, oldest first."""
        return [dict(r) for r in self._conn.execute("SELECT * FROM accounts ORDER BY id")]

    def add_profile(self, profile: Mapping[str, Any], *, fetched_at: str | None = None) -> int:
        """Record a profile snapshot; an unchanged profile only refreshes ``fetched_at``.

        Returns:
            The snapshot's row id.
        """
        values = {
            "display_name": profile.get("display_name"),
            "bio": profile.get("bio"),
            "bio_html": profile.get("bio_html"),
            "links": _json(list(profile.get("links") or []), "[]"),
            "email": profile.get("email"),
            "avatar_alt": profile.get("avatar_alt"),
            "created_at": utc_iso(profile.get("created_at")),
            "source": profile.get("source") or "crawl",
            "extra": _json(profile.get("extra") or {}, "{}"),
        }
        digest = text_hash(json.dumps(values, sort_keys=True))
        when = fetched_at or now_iso()
        with self._write() as conn:
            account = self.upsert_account(
                str(profile["platform"]), str(profile["account"]),
                display_name=values["display_name"], created_at=values["created_at"],
            )
            last = conn.execute(
                "SELECT id, content_hash FROM profiles WHERE account_id=? ORDER BY fetched_at DESC, id DESC LIMIT 1",
                (account,),
            ).fetchone()
            if last is not None and last["content_hash"] == digest:
                conn.execute("UPDATE profiles SET fetched_at=? WHERE id=?", (when, last["id"]))
                return int(last["id"])
            cur = conn.execute(
                f"INSERT INTO profiles(account_id, {', '.join(values)}, content_hash, fetched_at)"
                f" VALUES (?, {', '.join('?' for _ in values)}, ?, ?)",
                (account, *values.values(), digest, when),
            )
            return int(cur.lastrowid or 0)

    def latest_profiles(self) -> list[dict[str, Any]]:
        """The newest snapshot of every account's profile (with platform and handle)."""
        sql = (
            "SELECT pr.*, a.platform, a.handle AS account FROM profiles pr JOIN accounts a ON a.id=pr.account_id"
            " WHERE pr.id = (SELECT id FROM profiles WHERE account_id=pr.account_id ORDER BY fetched_at DESC, id DESC LIMIT 1)"
            " ORDER BY a.id"
        )
        out = []
        for row in self._conn.execute(sql):
            item = dict(row)
            item["links"] = json.loads(item["links"])
            item["extra"] = json.loads(item["extra"])
            out.append(item)
        return out

"""Posts: idempotent batched upserts, disappearance marks and reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from selfaudit.errors import StoreError
from selfaudit.store.accounts import Accounts
from selfaudit.store.schema import POST_KINDS, SOURCES
from selfaudit.store.writer import _json
from selfaudit.values import now_iso, text_hash, utc_iso

__all__ = ["Posts", "UpsertResult"]


@dataclass(slots=True)
class UpsertResult:
    """What one batch of upserts changed."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: UpsertResult) -> UpsertResult:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def _decode_post(row: sqlite3.Row) -> dict[str, Any]:
    """A post row as a dict with its JSON columns decoded."""
    item = dict(row)
    item["media_alt"] = json.loads(item["media_alt"])
    item["extra"] = json.loads(item["extra"])
    return item


_POST_FIELDS = (
    "url", "created_at", "kind", "text", "html", "lang", "media_alt", "source",
    "original_author", "original_url", "reply_to", "edited_at", "extra",
)
_POST_COLUMNS = (*_POST_FIELDS, "content_hash")
_INSERT_POST = (
    f"INSERT INTO posts(account_id, platform, native_id, {', '.join(_POST_COLUMNS)}, first_seen, last_seen)"
    f" VALUES (?,?,?,{', '.join('?' for _ in _POST_COLUMNS)},?,?)"
)
_UPDATE_POST = f"UPDATE posts SET {', '.join(f'{k}=?' for k in _POST_COLUMNS)}, last_seen=?, gone_at=NULL WHERE id=?"


class Posts(Accounts):
    """The ``posts`` table."""

    @staticmethod
    def _post_row(post: Mapping[str, Any]) -> dict[str, Any]:
        kind = post.get("kind") or "original"
        if kind not in POST_KINDS:
            raise StoreError(f"unknown post kind {kind!r} (one of {', '.join(POST_KINDS)})")
        source = post.get("source") or "crawl"
        if source not in SOURCES:
            raise StoreError(f"unknown post source {source!r}")
        if not post.get("platform") or not post.get("native_id") or not post.get("account"):
            raise StoreError("a post needs platform, account and native_id")
        row = {
            "url": post.get("url"),
            "created_at": utc_iso(post.get("created_at")),
            "kind": kind,
            "text": post.get("text") or "",
            "html": post.get("html"),
            "lang": post.get("lang"),
            "media_alt": _json(list(post.get("media_alt") or []), "[]"),
            "source": source,
            "original_author": post.get("original_author"),
            "original_url": post.get("original_url"),
            "reply_to": post.get("reply_to"),
            "edited_at": utc_iso(post.get("edited_at")),
            "extra": _json(post.get("extra") or {}, "{}"),
        }
        judged = "\x1f".join(str(row[k] or "") for k in ("text", "media_alt", "kind", "original_author", "created_at"))
        row["content_hash"] = text_hash(judged + "\x1f" + str(row["extra"]))
        return row

    def upsert_posts(self, posts: Iterable[Mapping[str, Any]], *, seen_at: str | None = None) -> UpsertResult:
        """Insert or update posts in one transaction, keyed by (platform, native_id).

        A post seen again gets ``last_seen`` refreshed and ``gone_at`` cleared;
        its content is updated only when it changed (an edit). Crawled and
        archived copies of one post stay one row; a crawled copy's fields win
        over an archive's where both have a value.
        """
        seen = seen_at or now_iso()
        result = UpsertResult()
        with self.transaction():
            batch: list[Mapping[str, Any]] = []
            for post in posts:
                batch.append(post)
                if len(batch) >= 500:
                    result += self._upsert_batch(batch, seen)
                    batch = []
            if batch:
                result += self._upsert_batch(batch, seen)
        return result

    def _upsert_batch(self, posts: list[Mapping[str, Any]], seen: str) -> UpsertResult:
        """Upsert up to a few hundred posts with one look-up query and bulk writes."""
        conn = self._conn
        result = UpsertResult()
        rows: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        accounts: dict[tuple[str, str], int] = {}
        for post in posts:
            row = self._post_row(post)
            owner = (str(post["platform"]), str(post["account"]))
            if owner not in accounts:
                accounts[owner] = self.upsert_account(*owner)
            rows[(owner[0], str(post["native_id"]))] = (accounts[owner], row)  # last copy in a batch wins
        existing: dict[tuple[str, str], sqlite3.Row] = {}
        for platform in {key[0] for key in rows}:
            ids = [key[1] for key in rows if key[0] == platform]
            for old in conn.execute(
                f"SELECT id, native_id, content_hash, source FROM posts WHERE platform=? AND native_id IN ({','.join('?' * len(ids))})",
                (platform, *ids),
            ):
                existing[(platform, old["native_id"])] = old
        inserts, touches, updates = [], [], []
        for (platform, native_id), (account, row) in rows.items():
            old = existing.get((platform, native_id))
            if old is None:
                inserts.append((account, platform, native_id, *row.values(), seen, seen))
            elif old["content_hash"] == row["content_hash"] or (old["source"] == "crawl" and row["source"] == "archive"):
                touches.append((seen, old["id"]))
            else:
                updates.append((*row.values(), seen, old["id"]))
        conn.executemany(_INSERT_POST, inserts)
        conn.executemany("UPDATE posts SET last_seen=?, gone_at=NULL WHERE id=?", touches)
        conn.executemany(_UPDATE_POST, updates)
        result.inserted, result.unchanged, result.updated = len(inserts), len(touches), len(updates)
        return result

    def known_native_ids(self, platform: str, handle: str) -> set[str]:
        """The native ids already stored for an account (for incremental crawls)."""
        return {
            r[0]
            for r in self._conn.execute(
                "SELECT p.native_id FROM posts p JOIN accounts a ON a.id=p.account_id WHERE a.platform=? AND a.handle=?",
                (platform, handle),
            )
        }

    def mark_gone(self, platform: str, handle: str, *, since: str, kinds: Iterable[str] | None = None) -> int:
        """After a full pass that started at ``since``, mark posts not seen since as gone.

        Only crawled posts are marked (an archive is a snapshot, not a listing).
        Returns the number of posts newly marked.
        """
        kinds = tuple(kinds or POST_KINDS)
        marks = ",".join("?" for _ in kinds)
        with self._write() as conn:
            cur = conn.execute(
                f"UPDATE posts SET gone_at=? WHERE gone_at IS NULL AND source='crawl' AND last_seen < ?"
                f" AND kind IN ({marks}) AND account_id=(SELECT id FROM accounts WHERE platform=? AND handle=?)",
                (now_iso(), since, *kinds, platform, handle),
            )
        return cur.rowcount

    def mark_post_gone(self, post_id: int, *, when: str | None = None) -> None:
        """Record that one post has disappeared (verify, a 404/410 on fetch)."""
        with self._write() as conn:
            conn.execute("UPDATE posts SET gone_at=COALESCE(gone_at, ?) WHERE id=?", (when or now_iso(), post_id))

    def iter_posts(
        self,
        *,
        platform: str | None = None,
        include_gone: bool = True,
        account_id: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Posts with their account handle, oldest first; JSON columns decoded."""
        where, args = ["1=1"], []
        if platform:
            where.append("p.platform=?")
            args.append(platform)
        if account_id is not None:
            where.append("p.account_id=?")
            args.append(account_id)
        if not include_gone:
            where.append("p.gone_at IS NULL")
        sql = (
            "SELECT p.*, a.handle AS account FROM posts p JOIN accounts a ON a.id=p.account_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.created_at, p.id"
        )
        for row in self._conn.execute(sql, args):
            yield _decode_post(row)

    def post(self, post_id: int) -> dict[str, Any] | None:
        """One post by row id."""
        row = self._conn.execute(
            "SELECT p.*, a.handle AS account FROM posts p JOIN accounts a ON a.id=p.account_id WHERE p.id=?", (post_id,)
        ).fetchone()
        return None if row is None else _decode_post(row)

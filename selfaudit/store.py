"""The SQLite store: the only module that writes SQL.

Everything selfaudit knows lives in one database file in the data folder
(mode 0600, WAL): accounts, profile snapshots, posts, links, crawl and import
runs with their per-account status, paging cursors for resumable crawls, the
embedding cache, findings, verifications and review decisions.

Upserts are idempotent (the same post twice is one row) and every batch is one
transaction, so a crash mid-batch loses nothing committed and leaves no half
rows. The schema is built by named, ordered migrations recorded in the
``migrations`` table. Analysis and reports read through ``Store.open(...,
readonly=True)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfaudit.errors import StoreError
from selfaudit.files import PRIVATE_MODE

__all__ = ["Store", "UpsertResult", "APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "utc_iso", "now_iso", "text_hash"]

POST_KINDS = ("original", "reply", "repost", "quote", "like", "page")
SOURCES = ("crawl", "archive")

_M001_INITIAL = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    spec TEXT,
    native_id TEXT,
    service_url TEXT,
    display_name TEXT,
    created_at TEXT,
    first_seen TEXT NOT NULL,
    UNIQUE (platform, handle)
);
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    display_name TEXT,
    bio TEXT,
    bio_html TEXT,
    links TEXT NOT NULL DEFAULT '[]',
    email TEXT,
    avatar_alt TEXT,
    created_at TEXT,
    source TEXT NOT NULL DEFAULT 'crawl',
    extra TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE INDEX profiles_account ON profiles(account_id, fetched_at);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    platform TEXT NOT NULL,
    native_id TEXT NOT NULL,
    url TEXT,
    created_at TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('original','reply','repost','quote','like','page')),
    text TEXT NOT NULL DEFAULT '',
    html TEXT,
    lang TEXT,
    media_alt TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL CHECK (source IN ('crawl','archive')),
    original_author TEXT,
    original_url TEXT,
    reply_to TEXT,
    edited_at TEXT,
    extra TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    gone_at TEXT,
    UNIQUE (platform, native_id)
);
CREATE INDEX posts_account ON posts(account_id, created_at);
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    url TEXT NOT NULL,
    label TEXT,
    origin TEXT NOT NULL DEFAULT 'bio',
    status TEXT NOT NULL DEFAULT 'recorded',
    first_seen TEXT NOT NULL,
    UNIQUE (account_id, url, origin)
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    detail TEXT
);
CREATE TABLE run_accounts (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    items INTEGER NOT NULL DEFAULT 0,
    first_at TEXT,
    last_at TEXT,
    errors TEXT NOT NULL DEFAULT '[]',
    full_pass INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, account_id)
);
CREATE TABLE cursors (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    post_id INTEGER REFERENCES posts(id),
    account_id INTEGER REFERENCES accounts(id),
    concern TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('high','medium','low','info')),
    score REAL NOT NULL,
    timing TEXT,
    explanation TEXT NOT NULL DEFAULT '{}',
    action TEXT,
    pack TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((post_id IS NULL) <> (account_id IS NULL))
);
CREATE UNIQUE INDEX findings_post ON findings(post_id, concern, pack) WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX findings_account ON findings(account_id, concern, pack) WHERE account_id IS NOT NULL;
CREATE TABLE analyzed (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    pack TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    analyzed_at TEXT NOT NULL,
    PRIMARY KEY (post_id, pack)
);
CREATE TABLE reviews (
    finding_key TEXT PRIMARY KEY,
    decision TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL
);
"""

_M002_VERIFICATIONS = """
CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    status TEXT NOT NULL CHECK (status IN ('present','gone','error')),
    http_status INTEGER,
    detail TEXT,
    checked_at TEXT NOT NULL
);
CREATE INDEX verifications_post ON verifications(post_id, checked_at);
"""

APPLICATION_ID = 0x53454C46  # "SELF"
"""The SQLite header's application id that marks a file as a selfaudit store (``PRAGMA application_id``)."""
# A link's hop: 0 on a profile, N on a page read N links away from it. Links found on pages
# before hops were kept are at least one hop away (#14: they must not be followed as profile links).
_M_HARDEN_A_HOPS = """
ALTER TABLE links ADD COLUMN hop INTEGER NOT NULL DEFAULT 0;
UPDATE links SET hop = 1 WHERE origin = 'page';
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("001_initial", _M001_INITIAL),
    ("002_verifications", _M002_VERIFICATIONS),
    ("harden_b_application_id", f"PRAGMA application_id = {APPLICATION_ID}"),
    ("harden_a_hops", _M_HARDEN_A_HOPS),
)
SCHEMA_VERSION = len(MIGRATIONS)


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


def _decode_post(row: sqlite3.Row) -> dict[str, Any]:
    """A post row as a dict with its JSON columns decoded."""
    item = dict(row)
    item["media_alt"] = json.loads(item["media_alt"])
    item["extra"] = json.loads(item["extra"])
    return item


def _json(value: Any, default: str) -> str:
    if value is None:
        return default
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


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
_PROFILE_FIELDS = ("display_name", "bio", "bio_html", "links", "email", "avatar_alt", "created_at", "source", "extra")


def _refuse_foreign(path: Path) -> None:
    """Raise StoreError unless the non-empty file at ``path`` is a selfaudit store; the file is left untouched.

    A store carries :data:`APPLICATION_ID` in its header; stores made before
    the id existed are recognised by their ``migrations`` table. A database
    with no tables at all (a creation cut short) may be initialised.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id == APPLICATION_ID:
            return
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        legacy = "migrations" in tables and conn.execute(
            "SELECT 1 FROM migrations WHERE name=?", (MIGRATIONS[0][0],)).fetchone() is not None
    finally:
        conn.close()
    if app_id == 0 and (legacy or not tables):
        return
    what = f"application id {app_id:#x}" if app_id else f"tables {', '.join(sorted(tables)[:5])}"
    raise StoreError(f"{path}: not a selfaudit store ({what}); it was left untouched. "
                     "Move it away or use --data to choose another folder")


class Store:
    """A selfaudit database.

    Open with :meth:`open`; use as a context manager to close it. Writes are
    grouped with :meth:`transaction`; the public write methods open their own
    transaction when called outside one.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._depth = 0

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, migrate: bool = True) -> Store:
        """Open (and create or migrate) the store at ``path``.

        Args:
            path: the database file; its folder is created (mode 0700).
            readonly: open with ``mode=ro`` for analysis and reports.
            migrate: apply pending migrations (never on a read-only store).

        Raises:
            StoreError: when the file is missing (read-only), not a database,
                or newer than this version of selfaudit.
        """
        path = Path(path).expanduser()
        try:
            if path.exists() and not path.is_file():
                raise StoreError(f"{path}: not a file; --data must name a folder for the store")
            existing = path.exists() and path.stat().st_size > 0
            if existing:
                _refuse_foreign(path)
            if readonly:
                if not existing:
                    raise StoreError(f"{path}: no store yet; run `selfaudit crawl` or `selfaudit import` first")
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            else:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                if not path.exists():
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE))
                os.chmod(path, PRIVATE_MODE)
                conn = sqlite3.connect(path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            store = cls(conn, path, readonly=readonly)
            version = store.schema_version()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc}); check the folder exists and is writable") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a selfaudit database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc}); "
                             "--data must name a folder you can write to") from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{path}: made by a newer selfaudit (schema {version} > {SCHEMA_VERSION}); upgrade selfaudit")
        if not readonly and migrate:
            store.migrate()
            for suffix in ("-wal", "-shm"):
                side = Path(f"{path}{suffix}")
                if side.exists():
                    os.chmod(side, PRIVATE_MODE)
        return store

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ migrations
    def schema_version(self) -> int:
        """How many migrations have been applied."""
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='migrations'"
        ).fetchone()
        if row is None:
            return 0
        return int(self.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0])

    def migrate(self, *, upto: int | None = None) -> list[str]:
        """Apply pending migrations in order, each in its own transaction.

        Returns:
            The names of the migrations applied now.
        """
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied: list[str] = []
        for name, sql in MIGRATIONS[: upto if upto is not None else len(MIGRATIONS)]:
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now_iso()))
            applied.append(name)
        return applied

    # ----------------------------------------------------------- transaction
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of writes; nested calls join the outer one."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # --------------------------------------------------------------- accounts
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
        with self.transaction() as conn:
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
        row = self.conn.execute("SELECT id FROM accounts WHERE platform=? AND handle=?", (platform, handle)).fetchone()
        return int(row[0]) if row else None

    def accounts(self) -> list[dict[str, Any]]:
        """Every account, oldest first."""
        return [dict(r) for r in self.conn.execute("SELECT * FROM accounts ORDER BY id")]

    # ------------------------------------------------------------------ posts
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
        conn = self.conn
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
            for r in self.conn.execute(
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
        with self.transaction() as conn:
            cur = conn.execute(
                f"UPDATE posts SET gone_at=? WHERE gone_at IS NULL AND source='crawl' AND last_seen < ?"
                f" AND kind IN ({marks}) AND account_id=(SELECT id FROM accounts WHERE platform=? AND handle=?)",
                (now_iso(), since, *kinds, platform, handle),
            )
        return cur.rowcount

    def mark_post_gone(self, post_id: int, *, when: str | None = None) -> None:
        """Record that one post has disappeared (verify, a 404/410 on fetch)."""
        with self.transaction() as conn:
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
        for row in self.conn.execute(sql, args):
            yield _decode_post(row)

    def post(self, post_id: int) -> dict[str, Any] | None:
        """One post by row id."""
        row = self.conn.execute(
            "SELECT p.*, a.handle AS account FROM posts p JOIN accounts a ON a.id=p.account_id WHERE p.id=?", (post_id,)
        ).fetchone()
        return None if row is None else _decode_post(row)

    # --------------------------------------------------------------- profiles
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
        with self.transaction() as conn:
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
        for row in self.conn.execute(sql):
            item = dict(row)
            item["links"] = json.loads(item["links"])
            item["extra"] = json.loads(item["extra"])
            out.append(item)
        return out

    # ------------------------------------------------------------------ links
    def add_links(self, links: Iterable[Mapping[str, Any]]) -> int:
        """Record links found on profiles and pages; returns how many were new.

        A link met again keeps the smallest hop it was ever found at (its
        shortest path from a profile), so hops never grow from run to run.
        """
        added = 0
        with self.transaction() as conn:
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
            rows = self.conn.execute("SELECT l.*, a.platform, a.handle AS account FROM links l JOIN accounts a ON a.id=l.account_id ORDER BY l.id")
        else:
            rows = self.conn.execute(
                "SELECT l.*, a.platform, a.handle AS account FROM links l JOIN accounts a ON a.id=l.account_id WHERE l.account_id=? ORDER BY l.id",
                (account_id,),
            )
        return [dict(r) for r in rows]

    # ------------------------------------------------------------ runs (crawl, import, verify)
    def start_run(self, kind: str, *, detail: str | None = None) -> int:
        """Open a run (``crawl``, ``import``, ``verify``, ``analyze``) and return its id."""
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs(kind, started_at, detail) VALUES (?,?,?)", (kind, now_iso(), detail))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, status: str = "ok") -> None:
        """Close a run with its overall status (``ok``, ``partial``, ``failed``, ``interrupted``)."""
        with self.transaction() as conn:
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
        with self.transaction() as conn:
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
        for run in self.conn.execute(sql, (kind,) if kind else ()):
            item = dict(run)
            item["accounts"] = [
                {**dict(r), "errors": json.loads(r["errors"])}
                for r in self.conn.execute(
                    "SELECT ra.*, a.platform, a.handle FROM run_accounts ra JOIN accounts a ON a.id=ra.account_id"
                    " WHERE run_id=? ORDER BY a.id",
                    (run["id"],),
                )
            ]
            out.append(item)
        return out

    # ---------------------------------------------------------------- cursors
    def get_cursor(self, platform: str, handle: str, key: str) -> str | None:
        """A saved paging position (resumable crawls)."""
        row = self.conn.execute(
            "SELECT c.value FROM cursors c JOIN accounts a ON a.id=c.account_id WHERE a.platform=? AND a.handle=? AND c.key=?",
            (platform, handle, key),
        ).fetchone()
        return str(row[0]) if row else None

    def set_cursor(self, platform: str, handle: str, key: str, value: str | None) -> None:
        """Save (or, with None, forget) a paging position."""
        with self.transaction() as conn:
            account = self.upsert_account(platform, handle)
            if value is None:
                conn.execute("DELETE FROM cursors WHERE account_id=? AND key=?", (account, key))
            else:
                conn.execute(
                    "INSERT INTO cursors(account_id, key, value, updated_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(account_id, key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at",
                    (account, key, value, now_iso()),
                )

    # ------------------------------------------------------------- embeddings
    def get_embeddings(self, model: str, hashes: Iterable[str]) -> dict[str, bytes]:
        """Cached vectors (raw float32 bytes) for the given text hashes."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.conn.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model=? AND text_hash IN ({','.join('?' for _ in chunk)})",
                (model, *chunk),
            )
            found.update({r[0]: bytes(r[1]) for r in rows})
        return found

    def put_embeddings(self, model: str, vectors: Mapping[str, bytes], *, dim: int) -> None:
        """Cache vectors (raw float32 bytes) keyed by model and text hash."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings(model, text_hash, dim, vector) VALUES (?,?,?,?)",
                [(model, h, dim, v) for h, v in vectors.items()],
            )

    # --------------------------------------------------------------- findings
    def posts_to_analyze(self, pack: str, *, all_posts: bool = False) -> list[dict[str, Any]]:
        """Posts that are new or changed since the last analysis with ``pack`` (all with ``all_posts``)."""
        posts = list(self.iter_posts())
        if all_posts:
            return posts
        done = self.analyzed_hashes(pack)
        return [p for p in posts if done.get(p["id"]) != p["content_hash"]]

    def replace_post_findings(
        self, pack: str, results: Mapping[int, tuple[str, list[Mapping[str, Any]]]]
    ) -> None:
        """Replace the findings of the given posts, in one transaction.

        Args:
            pack: the policy pack id.
            results: ``{post_id: (content_hash, [finding, ...])}``; a finding has
                ``concern, severity, score, timing, explanation, action``.
        """
        now = now_iso()
        with self.transaction() as conn:
            for post_id, (digest, findings) in results.items():
                conn.execute("DELETE FROM findings WHERE post_id=? AND pack=?", (post_id, pack))
                for f in findings:
                    conn.execute(
                        "INSERT INTO findings(post_id, concern, severity, score, timing, explanation, action, pack, created_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?)",
                        (post_id, f["concern"], f["severity"], float(f["score"]), f.get("timing"),
                         _json(f.get("explanation") or {}, "{}"), f.get("action"), pack, now),
                    )
                conn.execute(
                    "INSERT OR REPLACE INTO analyzed(post_id, pack, content_hash, analyzed_at) VALUES (?,?,?,?)",
                    (post_id, pack, digest, now),
                )

    def replace_account_findings(self, pack: str, findings: Iterable[Mapping[str, Any]]) -> None:
        """Replace every account finding of ``pack`` (account judgements are cheap and global)."""
        now = now_iso()
        with self.transaction() as conn:
            conn.execute("DELETE FROM findings WHERE account_id IS NOT NULL AND pack=?", (pack,))
            for f in findings:
                conn.execute(
                    "INSERT INTO findings(account_id, concern, severity, score, timing, explanation, action, pack, created_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (f["account_id"], f["concern"], f["severity"], float(f["score"]), f.get("timing"),
                     _json(f.get("explanation") or {}, "{}"), f.get("action"), pack, now),
                )

    def findings(self, *, pack: str | None = None) -> list[dict[str, Any]]:
        """All findings with their post's and account's identity; explanation decoded."""
        sql = (
            "SELECT f.*, COALESCE(p.platform, a.platform) AS platform, COALESCE(pa.handle, a.handle) AS account,"
            " p.native_id, p.url, p.created_at AS post_created_at, p.kind, p.text, p.gone_at"
            " FROM findings f LEFT JOIN posts p ON p.id=f.post_id LEFT JOIN accounts pa ON pa.id=p.account_id"
            " LEFT JOIN accounts a ON a.id=f.account_id"
            + (" WHERE f.pack=?" if pack else "")
            + " ORDER BY f.id"
        )
        out = []
        for row in self.conn.execute(sql, (pack,) if pack else ()):
            item = dict(row)
            item["explanation"] = json.loads(item["explanation"])
            out.append(item)
        return out

    # ---------------------------------------------------- verification, reviews
    def record_verification(
        self, post_id: int, *, status: str, run_id: int | None = None, http_status: int | None = None, detail: str | None = None
    ) -> None:
        """Record one re-check of a flagged post; ``gone`` also sets the post's ``gone_at``."""
        with self.transaction() as conn:
            now = now_iso()
            conn.execute(
                "INSERT INTO verifications(run_id, post_id, status, http_status, detail, checked_at) VALUES (?,?,?,?,?,?)",
                (run_id, post_id, status, http_status, detail, now),
            )
            if status == "gone":
                self.mark_post_gone(post_id, when=now)

    def verifications(self) -> list[dict[str, Any]]:
        """Every verification, oldest first."""
        return [dict(r) for r in self.conn.execute("SELECT * FROM verifications ORDER BY checked_at, id")]

    def set_review(self, finding_key: str, decision: str, *, note: str | None = None) -> None:
        """Record the user's decision on a finding (``done``, ``keep``, ...)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO reviews(finding_key, decision, note, decided_at) VALUES (?,?,?,?)",
                (finding_key, decision, note, now_iso()),
            )

    def reviews(self) -> dict[str, dict[str, Any]]:
        """Review decisions by finding key."""
        return {r["finding_key"]: dict(r) for r in self.conn.execute("SELECT * FROM reviews")}

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, Any]:
        """What the store holds, for ``selfaudit status``."""
        q = self.conn.execute
        per_account = [
            dict(r)
            for r in q(
                "SELECT a.platform, a.handle, COUNT(p.id) AS posts, MIN(p.created_at) AS first_at, MAX(p.created_at) AS last_at,"
                " SUM(p.gone_at IS NOT NULL) AS gone FROM accounts a LEFT JOIN posts p ON p.account_id=a.id"
                " GROUP BY a.id ORDER BY a.id"
            )
        ]
        kinds = [dict(r) for r in q("SELECT platform, kind, COUNT(*) AS n FROM posts GROUP BY platform, kind ORDER BY platform, kind")]
        severities = {r[0]: r[1] for r in q("SELECT severity, COUNT(*) FROM findings GROUP BY severity")}
        last = q("SELECT kind, started_at, finished_at, status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        last_crawl = q("SELECT started_at, finished_at, status FROM runs WHERE kind='crawl' ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "path": str(self.path),
            "schema_version": self.schema_version(),
            "accounts": per_account,
            "kinds": kinds,
            "posts": int(q("SELECT COUNT(*) FROM posts").fetchone()[0]),
            "findings": severities,
            "last_run": dict(last) if last else None,
            "last_crawl": dict(last_crawl) if last_crawl else None,
        }

    # ---- crawler section (methods added by the crawler) ----
    def run_account(self, run_id: int, platform: str, handle: str) -> dict[str, Any] | None:
        """One account's status row in a run (errors decoded), or None; lets several spiders add up."""
        row = self.conn.execute(
            "SELECT ra.* FROM run_accounts ra JOIN accounts a ON a.id=ra.account_id"
            " WHERE ra.run_id=? AND a.platform=? AND a.handle=?",
            (run_id, platform, handle),
        ).fetchone()
        if row is None:
            return None
        return {**dict(row), "errors": json.loads(row["errors"])}


    # ---- archive import section ----

    # ---- analysis section ----
    def analyzed_hashes(self, pack: str) -> dict[int, str]:
        """``{post_id: content_hash}`` as last judged with ``pack`` (one query, for change detection)."""
        return {int(r[0]): r[1] for r in self.conn.execute("SELECT post_id, content_hash FROM analyzed WHERE pack=?", (pack,))}

    # ---- reports section ----

    def report_coverage(self) -> list[dict[str, Any]]:
        """Per account: posts gathered, first and last date, and sources (crawl/archive)."""
        sql = (
            "SELECT a.id AS account_id, COUNT(p.id) AS posts, MIN(p.created_at) AS first, MAX(p.created_at) AS last,"
            " GROUP_CONCAT(DISTINCT p.source) AS sources FROM accounts a LEFT JOIN posts p ON p.account_id=a.id"
            " GROUP BY a.id ORDER BY a.id"
        )
        return [{**dict(r), "sources": sorted((r["sources"] or "").split(",")) if r["sources"] else []}
                for r in self.conn.execute(sql)]

    def flagged_posts(self, *, pack: str | None = None) -> list[dict[str, Any]]:
        """Posts with at least one finding (of ``pack``), with the account's handle and service URL."""
        sql = (
            "SELECT p.*, a.handle AS account, a.service_url FROM posts p JOIN accounts a ON a.id=p.account_id"
            " WHERE p.id IN (SELECT post_id FROM findings WHERE post_id IS NOT NULL"
            + (" AND pack=?" if pack else "") + ") ORDER BY p.id"
        )
        return [_decode_post(row) for row in self.conn.execute(sql, (pack,) if pack else ())]

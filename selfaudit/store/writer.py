"""The one connection: opening, pragmas, the application-id marker, migrations, transactions.

Only this module opens SQLite connections for the store. A writable store uses
WAL and ``BEGIN IMMEDIATE`` transactions (one writer at a time); analysis and
reports open it read-only (``mode=ro``). The repositories in this package
build on :class:`Writer`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from selfaudit.errors import StoreError
from selfaudit.files import PRIVATE_MODE
from selfaudit.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from selfaudit.values import now_iso

__all__ = ["Writer"]


def _json(value: Any, default: str) -> str:
    if value is None:
        return default
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


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


class Writer:
    """An open store connection with its transactions; the base of the :class:`~selfaudit.store.Store` facade."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self._depth = 0

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, migrate: bool = True) -> Self:
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
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """How many migrations have been applied."""
        row = self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='migrations'"
        ).fetchone()
        if row is None:
            return 0
        return int(self._conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0])

    def migrate(self, *, upto: int | None = None) -> list[str]:
        """Apply pending migrations in order, each in its own transaction.

        Returns:
            The names of the migrations applied now.
        """
        self._conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self._conn.execute("SELECT name FROM migrations")}
        applied: list[str] = []
        for name, sql in MIGRATIONS[: upto if upto is not None else len(MIGRATIONS)]:
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
                self._conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now_iso()))
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested calls join the outer one."""
        with self._write():
            yield

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A transaction that hands the repositories the connection (never leaves the package)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth = 0

"""The SQLite store: the only package that writes SQL.

Everything selfaudit knows lives in one database file in the data folder
(mode 0600, WAL): accounts, profile snapshots, posts, links, crawl and import
runs with their per-account status, paging cursors for resumable crawls, the
embedding cache, findings and verifications.

Upserts are idempotent (the same post twice is one row) and every batch is one
transaction, so a crash mid-batch loses nothing committed and leaves no half
rows. The schema is built by named, ordered migrations recorded in the
``migrations`` table. Analysis and reports read through ``Store.open(...,
readonly=True)``.

Layout: :mod:`~selfaudit.store.schema` (DDL and migrations),
:mod:`~selfaudit.store.writer` (the connection, pragmas, transactions) and one
repository module per table group, composed here into the :class:`Store` facade.
A new table group is a new module whose class builds on ``Writer`` (or
``Accounts`` when it needs account ids), added to the bases of :class:`Store`;
its migration goes at the end of ``schema.MIGRATIONS``.
"""

from __future__ import annotations

from selfaudit.store.copies import Copies, verify_state_of
from selfaudit.store.decisions import ACTIONS, Decisions, current_decision, finding_uid
from selfaudit.store.gathered import Gathered
from selfaudit.store.media import Media
from selfaudit.store.posts import UpsertResult
from selfaudit.store.queries import Queries
from selfaudit.store.results import Results
from selfaudit.store.runs import Runs
from selfaudit.store.schema import APPLICATION_ID, MIGRATIONS, POST_KINDS, SCHEMA_VERSION, SOURCES
from selfaudit.values import now_iso, text_hash, utc_iso

__all__ = ["Store", "UpsertResult", "APPLICATION_ID", "MIGRATIONS", "POST_KINDS", "SCHEMA_VERSION", "SOURCES",
           "utc_iso", "now_iso", "text_hash", "ACTIONS", "current_decision", "finding_uid",
           "verify_state_of"]


class Store(Gathered, Results, Runs, Queries, Decisions, Copies, Media):
    """A selfaudit database.

    Open with :meth:`open`; use as a context manager to close it. Writes are
    grouped with :meth:`transaction`; the public write methods open their own
    transaction when called outside one. Each table group's methods live in
    its repository module (accounts, posts, links, gathered, runs, results, queries).
    """

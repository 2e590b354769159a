"""The store's schema: the ordered, named migrations that build it.

Each migration runs once, in order, in its own transaction and is recorded in
the ``migrations`` table; new ones go at the END of :data:`MIGRATIONS`.
"""

from __future__ import annotations

from selfaudit.values import POST_KINDS, POST_SOURCES

__all__ = ["APPLICATION_ID", "MIGRATIONS", "POST_KINDS", "SCHEMA_VERSION", "SOURCES"]

SOURCES = POST_SOURCES


def _sql_in(values: tuple[str, ...]) -> str:
    """``'a','b'`` for an ``IN (...)`` CHECK built from a constant (the values are ours, never input)."""
    return ",".join(f"'{v}'" for v in values)


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
    kind TEXT NOT NULL CHECK (kind IN (@POST_KINDS@)),
    text TEXT NOT NULL DEFAULT '',
    html TEXT,
    lang TEXT,
    media_alt TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL CHECK (source IN (@POST_SOURCES@)),
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
""".replace("@POST_KINDS@", _sql_in(POST_KINDS)).replace("@POST_SOURCES@", _sql_in(POST_SOURCES))

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

# Decisions on findings (#12): one row per decision, the latest per finding wins; keyed by the
# finding's stable id (post or account + concern), with the post's text hash at decision time.
_M_DECIDE_DECISIONS = """
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    finding_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    target TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('post','account')),
    concern TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('delete','edit','restrict','unlike','keep','dismiss')),
    note TEXT,
    text_hash TEXT,
    decided_at TEXT NOT NULL
);
CREATE INDEX decisions_finding ON decisions(finding_id, id);
"""

# verify (#12): whether a present post was edited, and the copies of each post found elsewhere
# (selfaudit/store/copies.py). One row per copy; a look-up that found none leaves one row without
# url, one that could not ask one with checked = 0.
_M_VERIFY_COPIES = """
ALTER TABLE verifications ADD COLUMN edited INTEGER;
CREATE TABLE copies (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    source TEXT NOT NULL,
    about TEXT NOT NULL DEFAULT '',
    checked INTEGER NOT NULL,
    place TEXT,
    url TEXT,
    detail TEXT,
    checked_at TEXT NOT NULL
);
CREATE INDEX copies_post ON copies(post_id, source, checked_at);
"""

# Pictures of posts (#13): one row per (post, file); the file is content-addressed in <data>/media/.
_M_PHOTOS_MEDIA = """
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    bytes INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    facts TEXT,
    facts_version INTEGER NOT NULL DEFAULT 0,
    UNIQUE(post_id, sha256)
);
CREATE INDEX media_file ON media(file);
CREATE INDEX media_origin ON media(origin)
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("001_initial", _M001_INITIAL),
    ("002_verifications", _M002_VERIFICATIONS),
    ("harden_b_application_id", f"PRAGMA application_id = {APPLICATION_ID}"),
    ("harden_a_hops", _M_HARDEN_A_HOPS),
    # the review decisions were never read or written by any command (#11); decisions get their own table
    ("store_drop_reviews", "DROP TABLE IF EXISTS reviews"),
    ("decide_decisions", _M_DECIDE_DECISIONS),
    ("verify_copies", _M_VERIFY_COPIES),
    ("photos_media", _M_PHOTOS_MEDIA),
)
SCHEMA_VERSION = len(MIGRATIONS)

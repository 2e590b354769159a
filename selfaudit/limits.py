"""Every size selfaudit accepts from a file, a page or a command line, in one place.

Anything read from outside is bounded before it is parsed or judged, so a
tiny hostile file cannot ask for gigabytes (a CAR key length, a 15 MB post
sent to the embedder, a huge JSONL line). Archive member and bomb caps live
with the archive reader (``selfaudit.crawler.importers.source.Limits``), which real
exports of many GiB must pass.
"""

from __future__ import annotations

__all__ = [
    "MAX_MST_KEY_BYTES",
    "MAX_JUDGED_CHARS",
    "JUDGE_CHUNK_CHARS",
    "MAX_DRAFT_CHARS",
    "MAX_JSONL_BYTES",
    "MAX_JSONL_LINE_BYTES",
    "MAX_JSONL_LINES",
]

MAX_MST_KEY_BYTES = 1024
"""Longest key of a Bluesky repository tree (collection NSID + ``/`` + record key; the spec allows ~830)."""

JUDGE_CHUNK_CHARS = 2_000
"""A long text is judged as chunks of this many characters (the embedders read ~512 tokens)."""

MAX_JUDGED_CHARS = 200_000
"""Characters of one text that are judged at all (100 chunks); the rest is noted, never embedded."""

MAX_DRAFT_CHARS = 100_000
"""Longest draft ``selfaudit check`` accepts."""

MAX_JSONL_BYTES = 256 * 2**20
"""Largest input file ``selfaudit classify`` reads."""

MAX_JSONL_LINE_BYTES = 4 * 2**20
"""Longest single line of a ``classify`` input."""

MAX_JSONL_LINES = 1_000_000
"""Most lines of a ``classify`` input."""

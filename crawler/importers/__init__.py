"""Importers for the official data-export archives (X, Facebook, Instagram/Threads, LinkedIn, Mastodon, Bluesky).

Each platform module maps archive files to records with pure functions;
:func:`import_archive` detects the platform, parses everything, then writes
once. Attributes are loaded lazily so that ``selfaudit --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["import_archive", "ImportResult", "AccountImport", "detect", "parse_archive"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from selfaudit.crawler.importers import core

        return getattr(core, name)
    raise AttributeError(f"module 'selfaudit.crawler.importers' has no attribute {name!r}")

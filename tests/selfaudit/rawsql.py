"""Read a store file with plain SQL in tests, through a connection of the test's own.

The store's connection is private (only ``selfaudit/store/`` touches it), so a
test that must see what is on disk (a header pragma, a forged migration row)
opens the file itself, after the store is closed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def raw(path: Path | str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Run one statement on the database at ``path`` (committed) and return its rows."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(sql, args).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()

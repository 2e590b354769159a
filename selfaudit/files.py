"""Private file writing: everything selfaudit writes for the user is mode 0600.

The audit is about the user's private judgement, so reports, exports and the
database must not be readable by other local users, whatever the umask.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = ["PRIVATE_MODE", "private_open", "write_private_bytes", "write_private_text", "ensure_private_dir"]

PRIVATE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and every missing folder above it with mode 0700 and return it.

    Folders that already exist keep their mode: only what selfaudit creates is made private.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)
    return path


@contextmanager
def private_open(path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open ``path`` for writing, created (or truncated) with mode 0600.

    The file is written to a temporary sibling and renamed into place on
    success, so a crash never leaves a half-written report behind.
    """
    path = Path(path)
    if path.parent != Path(""):
        ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    os.fchmod(fd, PRIVATE_MODE)
    binary = "b" in mode
    handle = os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else encoding, newline=None if binary else "")
    try:
        with handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(path, PRIVATE_MODE)


def write_private_text(path: Path | str, text: str) -> Path:
    """Write ``text`` to ``path`` with mode 0600 and return the path."""
    with private_open(path, "w") as fh:
        fh.write(text)
    return Path(path)


def write_private_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` with mode 0600 and return the path."""
    with private_open(path, "wb", encoding=None) as fh:
        fh.write(data)
    return Path(path)

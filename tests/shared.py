"""The read-only shared folder some tests compare against: ``concerns.md``, real format samples, peers.

It is not part of the repository. ``$SELFAUDIT_SHARED`` names it, else it is ``../shared`` next
to the repository (what the Makefile passes). A test that needs it calls :func:`need_shared`;
when the folder is absent the test is skipped with one message that names the missing path and
the variable, so ``pytest -ra`` shows one line for all of them instead of a traceback each.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ENV = "SELFAUDIT_SHARED"
REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$SELFAUDIT_SHARED``, else ``../shared`` next to the repository."""
    env = os.environ.get(ENV)
    return Path(env).expanduser() if env else REPO.parent / "shared"


def missing_message(path: Path) -> str:
    """The one line a test without the shared folder shows."""
    return (f"shared folder missing: {path} does not exist; set {ENV} to the shared folder "
            f"(default: {REPO.parent / 'shared'}, i.e. ../shared next to the repository)")


def need_shared(*parts: str) -> Path:
    """The path ``parts`` inside the shared folder; skips the calling test when it is not there."""
    root = shared_dir()
    path = root.joinpath(*parts)
    if not path.exists():
        pytest.skip(missing_message(root if not root.is_dir() else path))
    return path

"""Errors raised while importing an archive; every message names the file and the problem::

    ArchiveError (selfaudit.errors)
    ├── NotAnArchiveError     not a zip, tar, CAR or folder
    ├── CorruptArchiveError   truncated archive, JSON/CSV/CAR cut short or malformed
    ├── UnsafeArchiveError    zip bomb, path escaping the folder, link in a tar
    └── UnknownLayoutError    readable, but no known platform layout inside
"""

from __future__ import annotations

from selfaudit.errors import ArchiveError

__all__ = ["ArchiveError", "NotAnArchiveError", "CorruptArchiveError", "UnsafeArchiveError", "UnknownLayoutError"]


class NotAnArchiveError(ArchiveError):
    """The path is not a zip, tar, CAR file or folder."""


class CorruptArchiveError(ArchiveError):
    """The archive or a file inside it is truncated or malformed."""


class UnsafeArchiveError(ArchiveError):
    """The archive tries to escape its folder or to exhaust memory (zip bomb)."""


class UnknownLayoutError(ArchiveError):
    """No known platform export layout was found in the archive."""

"""Tie an archive to the account the user named, and date the archive.

The user names ``x:@talia`` in ``selfaudit.toml``; the archive says whose it
is. When they agree, the archive's records are filed under the named account
(so the report shows it covered); when they differ, the archive is still
imported under its real owner (never lose data) and the user gets a clear
warning. Pure functions over parsed bundles, except :func:`archive_date`,
which may read the file's modification time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from selfaudit.crawler.importers.records import Bundle

from selfaudit.handles import HandleSpec
from selfaudit.platforms import CLOSED, display, same_account

__all__ = ["tie_to_named", "archive_date"]

_PLACEHOLDER = "-archive-owner"
# platforms whose archive names its user name (not a display name) as the account
_BY_USERNAME = {"x", "instagram", "threads", "tiktok", "facebook"}


def _comparable(platform: str, account: str) -> bool:
    if account.endswith(_PLACEHOLDER) or platform not in _BY_USERNAME:
        return False
    return bool(re.fullmatch(CLOSED[platform].user, account))


def _rename(bundle: Bundle, account: str) -> None:
    bundle.account = account
    for item in (*bundle.posts, *bundle.profiles, *bundle.links):
        item.account = account


def tie_to_named(bundles: list[Bundle], named: Sequence[HandleSpec]) -> list[str]:
    """File each bundle under the named account of its platform; return the warnings.

    Args:
        bundles: parsed archive bundles (changed in place).
        named: the accounts named in the configuration (only closed platforms count).

    Returns:
        One warning per bundle that belongs to someone else than the named account(s).
    """
    warnings: list[str] = []
    for bundle in bundles:
        mine = [s for s in named if s.platform == bundle.platform and s.platform in CLOSED]
        if not mine:
            continue
        match = next((s for s in mine if same_account(s.handle, bundle.account)), None)
        if match is not None:
            _rename(bundle, match.handle)
        elif not _comparable(bundle.platform, bundle.account):
            if len(mine) == 1:  # the archive does not say its user name: it is the one named
                _rename(bundle, mine[0].handle)
            else:
                warnings.append(f"this {CLOSED[bundle.platform].label} archive does not say which of your accounts "
                                f"({', '.join(display(s.platform, s.handle) for s in mine)}) it belongs to; "
                                f"imported as {bundle.account!r}")
        else:
            names = " or ".join(display(s.platform, s.handle) for s in mine)
            warnings.append(f"this archive belongs to {display(bundle.platform, bundle.account)}, not {names}: it "
                            f"is imported as {display(bundle.platform, bundle.account)}, and {names} still waits "
                            "for its own archive")
    return warnings


_DATES = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), (1, 2, 3)),      # twitter-2026-01-31-..., instagram-...
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T?\d{6})"), (1, 2, 3)),   # archive-20260131..., takeout-20260131T...
    (re.compile(r"(?<!\d)(\d{2})-(\d{2})-(\d{4})(?!\d)"), (3, 1, 2)),      # Basic_LinkedInDataExport_01-31-2026
)


def archive_date(path: str | Path, bundles: list[Bundle]) -> str | None:
    """The date the archive was made: as the archive says, else its file name, else the file's time.

    Returns:
        ``YYYY-MM-DD``, or None when nothing tells.
    """
    for bundle in bundles:
        for prof in bundle.profiles:
            made = str(prof.extra.get("archive_generated") or "")
            if re.match(r"\d{4}-\d{2}-\d{2}", made):
                return made[:10]
    name = Path(path).name
    for pattern, order in _DATES:
        if m := pattern.search(name):
            try:
                return dt.date(*(int(m.group(i)) for i in order)).isoformat()
            except ValueError:
                continue
    try:
        return dt.datetime.fromtimestamp(Path(path).stat().st_mtime, tz=dt.UTC).date().isoformat()
    except OSError:
        return None

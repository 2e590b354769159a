"""Check a built wheel for ``make smoke``: exactly one top-level package, ``selfaudit``, with its data files.

Usage: ``python scripts/check_wheel.py dist/selfaudit-0.1.0-py3-none-any.whl``; exits 1 with one
line per problem. Generic names (``crawler``, ``analysis``, ``reports``...) in site-packages would
clash with other projects, so the file list and ``top_level.txt`` must both name only ``selfaudit``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

PACKAGE = "selfaudit"
# files the installed product needs at run time (package data), as fnmatch-free prefixes and suffixes
NEEDED = (("selfaudit/reports/templates/", ""), ("selfaudit/analysis/policies/", ".yaml"),
          ("selfaudit/analysis/model/", ".npz"), ("selfaudit/app/", "cli.py"), ("selfaudit/sandbox/", "server.py"))


def problems(wheel: Path) -> list[str]:
    """What is wrong with ``wheel``; empty when it is right."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        top_level = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        declared = set(zf.read(top_level[0]).decode("utf-8").split()) if top_level else set()
    found: list[str] = []
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    if tops != {PACKAGE}:
        found.append(f"the wheel holds top-level {sorted(tops)}, not just {PACKAGE!r}")
    if top_level and declared != {PACKAGE}:
        found.append(f"top_level.txt names {sorted(declared)}, not just {PACKAGE!r}")
    for prefix, suffix in NEEDED:
        if not any(n.startswith(prefix) and n.endswith(suffix) and n != prefix for n in names):
            found.append(f"the wheel has no {prefix}*{suffix}")
    return found


def main(argv: list[str]) -> int:
    """Print the problems of each wheel named; 1 when there is any."""
    bad = [f"{w}: {p}" for w in argv for p in problems(Path(w))]
    for line in bad:
        print(f"error: {line}", file=sys.stderr)
    if not bad:
        print(f"wheel ok: one top-level package ({PACKAGE}) with its data files")
    return 1 if bad or not argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What ``check`` and ``classify`` accept from the command line and input files, bounded and checked.

Every line of a ``classify`` input is read with a cap, decoded as UTF-8,
parsed, and checked to be an object with an ``id`` (and a ``text`` for post
lines); any failure is one ``error:`` line naming the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfaudit.errors import AnalysisError, ConfigError
from selfaudit.limits import MAX_DRAFT_CHARS, MAX_JSONL_BYTES, MAX_JSONL_LINE_BYTES, MAX_JSONL_LINES

__all__ = ["check_draft", "read_jsonl"]


def check_draft(text: str) -> str:
    """The draft for ``selfaudit check``, refused when longer than ``MAX_DRAFT_CHARS``."""
    if len(text) > MAX_DRAFT_CHARS:
        raise ConfigError(f"the draft is {len(text)} characters; check takes at most {MAX_DRAFT_CHARS}")
    return text


def _record(raw: bytes, where: str, *, profiles: bool) -> dict[str, Any]:
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AnalysisError(f"{where}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise AnalysisError(f"{where}: not JSON ({exc.msg})") from None
    except RecursionError:
        raise AnalysisError(f"{where}: JSON nested too deeply") from None
    if not isinstance(item, dict):
        raise AnalysisError(f"{where}: each line must be a JSON object")
    ident = item.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or ident == "":
        raise AnalysisError(f"{where}: every line needs an 'id' (a string or a number)")
    if not profiles and not isinstance(item.get("text"), str):
        raise ConfigError(f"{where}: every line needs a 'text' string (use --profiles for profile lines)")
    return item


def read_jsonl(path: Path, *, profiles: bool = False) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file for ``classify``, within the limits of ``selfaudit.limits``.

    Args:
        path: the input file.
        profiles: lines are profiles (no ``text`` needed).

    Raises:
        AnalysisError: unreadable, too large, not UTF-8, not JSON, or a line without an ``id``.
    """
    out: list[dict[str, Any]] = []
    try:
        size = path.stat().st_size
        if size > MAX_JSONL_BYTES:
            raise AnalysisError(f"{path}: {size} bytes is more than the {MAX_JSONL_BYTES} classify reads")
        with path.open("rb") as fh:
            n = 0
            while raw := fh.readline(MAX_JSONL_LINE_BYTES + 1):
                n += 1
                if len(raw) > MAX_JSONL_LINE_BYTES:
                    raise AnalysisError(f"{path}:{n}: line longer than {MAX_JSONL_LINE_BYTES} bytes")
                if not raw.strip():
                    continue
                if len(out) >= MAX_JSONL_LINES:
                    raise AnalysisError(f"{path}: more than {MAX_JSONL_LINES} lines")
                out.append(_record(raw, f"{path}:{n}", profiles=profiles))
    except OSError as exc:
        raise AnalysisError(f"cannot read {path}: {exc.strerror or exc}") from None
    return out

"""``selfaudit export``: what the store holds, as JSON Lines or CSV, for you and other tools."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import typer
from selfaudit.app.options import ConfigOption, DataOption, FormatOption, OutputFormat, OutputOption
from selfaudit.app.runtime import err_console, load, open_store

from selfaudit.files import private_open
from selfaudit.store import Store

__all__ = ["ExportWhat", "export", "export_rows", "register"]


class ExportWhat(StrEnum):
    """What ``export`` can write."""

    posts = "posts"
    profiles = "profiles"
    findings = "findings"


def export_rows(store: Store, what: ExportWhat) -> list[dict[str, Any]]:
    """The rows ``selfaudit export`` writes, in a stable, documented shape."""
    if what is ExportWhat.posts:
        keys = ("platform", "account", "native_id", "url", "created_at", "kind", "text", "lang", "source", "gone_at")
        return [{("id" if k == "native_id" else k): p[k] for k in keys} for p in store.iter_posts()]
    if what is ExportWhat.profiles:
        return [
            {"platform": p["platform"], "account": p["account"], "display_name": p["display_name"], "bio": p["bio"],
             "links": p["links"], "email": p["email"], "fetched_at": p["fetched_at"]}
            for p in store.latest_profiles()
        ]
    return [
        {"post_id": f["native_id"] if f["post_id"] else None, "account": f["account"], "platform": f["platform"],
         "concern": f["concern"], "severity": f["severity"], "score": round(f["score"], 4),
         "explanation": f["explanation"].get("reason", "") if isinstance(f["explanation"], dict) else f["explanation"]}
        for f in store.findings()
    ]


def _write_rows(rows: Iterable[dict[str, Any]], fmt: OutputFormat, out: io.TextIOBase) -> int:
    count = 0
    rows = list(rows)
    if fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if not rows:
        return 0
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        count += 1
    return count


def export(
    what: Annotated[ExportWhat, typer.Argument(help="What to export: posts, profiles or findings.")],
    fmt: FormatOption = OutputFormat.jsonl,
    output: OutputOption = None,
    config: ConfigOption = None,
    data: DataOption = None,
) -> None:
    """Write what the store holds as JSON Lines or CSV, for you and other tools."""
    settings = load(config, data)
    with open_store(settings, readonly=True) as store:
        rows = export_rows(store, what)
    if output is None:
        _write_rows(rows, fmt, sys.stdout)  # type: ignore[arg-type]
        return
    with private_open(output) as fh:
        count = _write_rows(rows, fmt, fh)
    err_console.print(f"Wrote {count} {what.value} to {output}")


def register(app: typer.Typer) -> None:
    """Add ``export`` to the CLI."""
    app.command()(export)

"""The ``selfaudit`` command line: the composition root.

Commands stay thin: they resolve settings, open the store, call one library
function and print. This module owns the typer app and the error handling
(``error: ...`` and exit 1; tracebacks only with ``--debug``), the commands
``init``, ``status`` and ``export``, and registers the command modules of
``selfaudit.app`` (one per stage, plus audit and demo). Those take their
options from ``options.py`` and their consoles and settings from
``runtime.py``, never from here, so nothing imports the CLI back.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from selfaudit.app import analyze, audit, crawl, decide, demo, imports, report, review, sandbox, verify
from selfaudit.app.options import ConfigOption, DataOption, InitAppointmentOption
from selfaudit.app.runtime import console, err_console, load, open_store, say_closed
from typer.core import TyperGroup

from selfaudit import __version__
from selfaudit.config import CONFIG_NAME, render_template
from selfaudit.errors import ConfigError, SelfAuditError
from selfaudit.files import private_open
from selfaudit.handles import HandleSpec, parse_handle
from selfaudit.platforms import imported_accounts, next_step, waiting_for_archive
from selfaudit.store import Store, current_decision, finding_uid
from selfaudit.terminal import styled

__all__ = ["app", "main"]

_state: dict[str, bool] = {"debug": False}


class _Group(TyperGroup):
    """Turns library errors into one line (``error: ...``) and exit 1, in every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SelfAuditError as exc:
            if _state["debug"]:
                raise
            err_console.print(styled(("error:", "red"), f" {exc}"))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; what was gathered so far is kept")
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_Group,
    name="selfaudit",
    help="A private, offline audit of your own social-media history against the UN guidelines.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
)

@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """A private, offline audit of your own social-media history against the UN guidelines."""
    _state["debug"] = debug
    if version:
        console.print(f"selfaudit {__version__}")
        raise typer.Exit()


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path(CONFIG_NAME),
    name: Annotated[str, typer.Option(help="Your name, as the report shows it.")] = "",
    appointment_date: InitAppointmentOption = "",
    account: Annotated[list[str] | None, typer.Option("--account", "-a", help="A handle spec of one of your accounts (repeatable).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented selfaudit.toml to start from."""
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists (use --force to overwrite)")
    specs = [parse_handle(a) for a in (account or [])]
    accounts = [str(s.raw) for s in specs]
    if appointment_date:
        from selfaudit.config import parse_settings

        parse_settings({"person": {"appointment_date": appointment_date}}, where="--appointment-date")
    text = render_template(name=name, appointment_date=appointment_date, accounts=accounts)
    with private_open(path) as fh:
        fh.write(text)
    console.print(f"Wrote {path}. Edit it, then run `selfaudit audit`.")
    say_closed(specs)


@app.command()
def status(config: ConfigOption = None, data: DataOption = None) -> None:
    """Show what the store holds: accounts, posts, date ranges, last crawl, findings."""
    settings = load(config, data)
    if not settings.db_path.exists():
        console.print(f"No store yet at {settings.db_path}. Run `selfaudit crawl` or `selfaudit import PATH`.")
        _print_waiting(waiting_for_archive(settings.accounts, set()))
        return
    with open_store(settings, readonly=True) as store:
        info = store.stats()
        waiting = waiting_for_archive(settings.accounts, imported_accounts(store))
    console.print(f"Store: {info['path']} (schema {info['schema_version']}), {info['posts']} posts")
    table = Table("platform", "account", "posts", "gone", "from", "to", title="Accounts")
    for row in info["accounts"]:
        table.add_row(row["platform"], row["handle"], str(row["posts"]), str(row["gone"] or 0),
                      (row["first_at"] or "")[:10], (row["last_at"] or "")[:10])
    console.print(table)
    kinds = Table("platform", "kind", "posts", title="Posts by kind")
    for row in info["kinds"]:
        kinds.add_row(row["platform"], row["kind"], str(row["n"]))
    console.print(kinds)
    crawl = info["last_crawl"]
    console.print(f"Last crawl: {crawl['started_at']} ({crawl['status']})" if crawl else "Last crawl: never")
    found = info["findings"]
    if found:
        console.print("Findings: " + ", ".join(f"{found.get(s, 0)} {s}" for s in ("high", "medium", "low", "info")))
    else:
        console.print("Findings: none yet (run `selfaudit analyze`)")
    _print_waiting(waiting)


def _print_waiting(waiting: list[HandleSpec]) -> None:
    """The accounts ``status`` lists as waiting for an archive: not covered until it is imported."""
    if not waiting:
        return
    table = Table("platform", "account", "next step", title="Waiting for an archive (NOT covered yet)")
    for spec in waiting:
        table.add_row(spec.platform, str(spec), next_step(spec.platform))
    console.print(table)


class ExportWhat(StrEnum):
    posts = "posts"
    profiles = "profiles"
    findings = "findings"
    decisions = "decisions"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


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
    if what is ExportWhat.decisions:
        keys = ("finding_id", "action", "note", "decided_at", "scope", "platform", "target", "concern", "text_hash")
        return [{k: d[k] for k in keys} for d in store.decision_history()]
    from selfaudit.app.verify import verify_fields

    decisions = store.decisions()
    verified = store.verify_state()
    return [
        {"id": finding_uid(f), "post_id": f["native_id"] if f["post_id"] else None, "account": f["account"],
         "platform": f["platform"], "concern": f["concern"], "severity": f["severity"], "score": round(f["score"], 4),
         "explanation": f["explanation"].get("reason", "") if isinstance(f["explanation"], dict) else f["explanation"],
         "decision": (current_decision(f, decisions) or {}).get("action"), **verify_fields(verified, f["post_id"]),
         **_media_columns(f["explanation"])}
        for f in store.findings()
    ]


def _media_columns(explanation: Any) -> dict[str, Any]:
    """``media`` (the stored picture's file name) and ``lat``/``lon`` of a finding from pictures and places (#13)."""
    ex = explanation if isinstance(explanation, dict) else {}
    return {"media": ex.get("media"), "lat": ex.get("lat"), "lon": ex.get("lon")}


def _write_rows(rows: Iterable[dict[str, Any]], fmt: ExportFormat, out: io.TextIOBase) -> int:
    count = 0
    rows = list(rows)
    if fmt is ExportFormat.jsonl:
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


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="What to export: posts, profiles, findings or decisions (all, oldest first).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="JSON Lines or CSV.")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (mode 0600) instead of standard output.")] = None,
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


for _module in (sandbox, crawl, imports, analyze, report, decide, review, verify, audit, demo):  # after init, status, export: the order of --help
    _module.register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point for the console script; returns the exit code."""
    try:
        app(args=argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


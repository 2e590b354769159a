"""What every command shares at run time: the consoles, settings, the store, report paths and the PDF password.

The command modules import these from here (never from ``cli.py``), and
``report`` and ``audit`` decide where the report goes and whether the PDF is
encrypted through the same two functions, so the two cannot drift apart again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from selfaudit.config import Settings, load_settings
from selfaudit.handles import HandleSpec
from selfaudit.platforms import guidance, is_closed
from selfaudit.store import Store
from selfaudit.terminal import make_console, styled

__all__ = ["Echo", "ask_password", "console", "err_console", "load", "open_store", "pdf_password", "plain_echo",
           "report_paths", "say_closed"]

Echo = Callable[[str], None]

console = make_console()
err_console = make_console(stderr=True)


def load(config: Path | None = None, data: Path | None = None, *, appointment_date: str | None = None) -> Settings:
    """Resolve settings from the shared options (flag > env > file > default)."""
    return load_settings(config=config, data_dir=data, appointment_date=appointment_date)


def open_store(settings: Settings, *, readonly: bool = False) -> Store:
    """Open the store of ``settings`` (created on first write)."""
    return Store.open(settings.db_path, readonly=readonly)


def plain_echo() -> Echo:
    """An echo that prints text as it is: archive and account names are never read as Rich markup."""
    return lambda line: console.print(line, markup=False, highlight=False)


def report_paths(settings: Settings, *, html: Path | None, pdf: Path | None) -> tuple[Path, Path | None]:
    """Where ``report`` and ``audit`` write: the same place for both.

    Args:
        settings: the resolved settings (``[report]`` paths and the data folder).
        html: ``--html`` as typed (relative to the current folder), or None for the config's.
        pdf: ``--pdf`` as typed, or None for the config's (which may be none).

    Returns:
        ``(html, pdf)``; a relative path from the config lies inside the data folder, next to the
        private database, never in whatever folder the command happened to run in.
    """
    html_path = html or _in_data(settings, settings.report.html)
    pdf_path = pdf or (_in_data(settings, settings.report.pdf) if settings.report.pdf else None)
    return html_path, pdf_path


def _in_data(settings: Settings, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else settings.data_dir / path


def ask_password() -> str | None:
    """Prompt for a PDF password on a terminal (hidden, typed twice); empty or no terminal means none."""
    if not sys.stdin.isatty():
        return None
    value = typer.prompt("PDF password (leave empty for none)", default="", hide_input=True,
                         confirmation_prompt=True, show_default=False)
    return value or None


def pdf_password(pdf: Path | None, password: str | None) -> str | None:
    """The password to encrypt the PDF with: ``--password``/``$SELFAUDIT_PDF_PASSWORD``, else asked on a terminal.

    Checked and asked before any work starts (an audit crawls for minutes first), and only when a PDF is written.

    Raises:
        ReportError: an empty password was given for a PDF (it would protect nothing).
    """
    from selfaudit.reports.build import check_pdf_password

    if pdf is None:
        return None
    check_pdf_password(pdf, password)
    return password if password is not None else ask_password()


def say_closed(specs: Iterable[HandleSpec], *, waiting: Iterable[HandleSpec] | None = None) -> None:
    """Tell, per closed account, that it is not read publicly and how to get its archive.

    Args:
        specs: the named accounts; only the closed platforms' are mentioned.
        waiting: those still without an archive (None: all of them).
    """
    wait = None if waiting is None else {(s.platform, s.handle) for s in waiting}
    for spec in specs:
        if not is_closed(spec.platform):
            continue
        if wait is not None and (spec.platform, spec.handle) not in wait:
            console.print(f"{spec}: not crawled (closed platform); covered by its imported archive", highlight=False)
            continue
        head, *steps = guidance(spec.platform, spec.handle)
        console.print(styled((head, "yellow")), highlight=False)
        for line in steps:
            console.print(line, highlight=False)

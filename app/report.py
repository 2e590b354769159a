"""CLI command of the report stage: ``report`` (``verify`` lives in :mod:`selfaudit.app.verify`).

Jinja, Playwright and pypdf are imported inside the commands so ``selfaudit --help``
stays fast. No ``from __future__ import annotations``: typer evaluates the
annotations of the commands defined inside ``register``.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]


def _ask_password() -> str | None:
    """Prompt for a PDF password on a terminal; empty means no encryption."""
    if not sys.stdin.isatty():
        return None
    value = typer.prompt("PDF password (leave empty for none)", default="", hide_input=True,
                         confirmation_prompt=True, show_default=False)
    return value or None


def register(app: typer.Typer) -> None:
    """Add ``report`` to the selfaudit app."""
    from selfaudit.app.cli import ConfigOption, DataOption

    @app.command()
    def report(
        html: Annotated[Path | None, typer.Option("--html", help="Where to write the HTML report (default: from the config).",
                                                  show_default=False)] = None,
        pdf: Annotated[Path | None, typer.Option("--pdf", help="Also write a PDF of the same report here.",
                                                 show_default=False)] = None,
        password: Annotated[str | None, typer.Option("--password", envvar="SELFAUDIT_PDF_PASSWORD",
                                                     help="Encrypt the PDF (AES-256) with this password; without it you "
                                                     "are asked on a terminal.", show_default=False)] = None,
        pack: Annotated[str | None, typer.Option("--pack", help="Policy pack id or path whose rules are quoted.",
                                                 show_default=False)] = None,
        appointment_date: Annotated[str | None, typer.Option("--appointment-date", help="The date you joined the UN "
                                                             "(YYYY-MM-DD), marked on the charts.", show_default=False)] = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Write the self-review report: one private HTML file (and a PDF with --pdf)."""
        from selfaudit.app.cli import console, load, open_store
        from selfaudit.reports.build import build_report

        settings = load(config, data, appointment_date=appointment_date)
        html_path = html or Path(settings.report.html)
        pdf_path = pdf or (Path(settings.report.pdf) if settings.report.pdf else None)
        if pdf_path is not None and password is None:
            password = _ask_password()
        with open_store(settings, readonly=True) as store:
            result = build_report(
                store, html_path=html_path, pdf_path=pdf_path, password=password,
                pack=pack or settings.analysis.pack, name=settings.person.name,
                appointment_date=settings.person.appointment_date, named=settings.accounts,
            )
        console.print(f"Wrote {result.html_path} ({result.flagged_posts} flagged posts, "
                      f"{result.account_findings} account findings)", highlight=False, markup=False)
        if result.pdf_path:
            note = "encrypted" if password else "not encrypted"
            console.print(f"Wrote {result.pdf_path} ({note})", highlight=False, markup=False)
        if result.total:
            console.print(f"{result.cleaned} of {result.total} flagged posts cleaned up so far.", highlight=False)

"""CLI command of the report stage: ``report`` (``verify`` lives in :mod:`selfaudit.app.verify`).

Jinja, Playwright and pypdf are imported inside the commands so ``selfaudit --help``
stays fast. No ``from __future__ import annotations``: typer evaluates the
annotations of the commands defined inside ``register``.
"""


import typer
from selfaudit.app.options import AppointmentOption, ConfigOption, DataOption, HtmlOption, PackOption, PasswordOption, PdfOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``report`` to the selfaudit app."""

    @app.command()
    def report(
        html: HtmlOption = None,
        pdf: PdfOption = None,
        password: PasswordOption = None,
        pack: PackOption = None,
        appointment_date: AppointmentOption = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Write the self-review report: one private HTML file in the data folder (and a PDF with --pdf).

        The report goes where `selfaudit audit` puts it: --html/--pdf as given, else the
        config's [report] paths inside the data folder. A PDF is encrypted with --password
        (or $SELFAUDIT_PDF_PASSWORD); without one you are asked on a terminal.
        """
        from selfaudit.app.runtime import console, load, open_store, pdf_password, report_paths
        from selfaudit.reports.build import build_report

        settings = load(config, data, appointment_date=appointment_date)
        html_path, pdf_path = report_paths(settings, html=html, pdf=pdf)
        with open_store(settings, readonly=True) as store:  # no store: one error line before any question
            password = pdf_password(pdf_path, password)
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

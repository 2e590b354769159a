"""``selfaudit audit``: every stage in one go, for a real user, from ``selfaudit.toml``.

:func:`run_audit` composes crawl -> import -> analyze -> report; the ``demo``
command runs the same function against the sandbox (``selfaudit.app.demo``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import typer
from selfaudit.app.options import AppointmentOption, ConfigOption, DataOption, FastOption, HtmlOption, PasswordOption, PdfOption
from selfaudit.app.runtime import Echo, console, load, pdf_password, plain_echo, report_paths

from selfaudit.config import Settings
from selfaudit.errors import SelfAuditError
from selfaudit.platforms import imported_accounts, next_step, split_closed, waiting_for_archive
from selfaudit.store import Store

__all__ = ["AuditSummary", "audit", "register", "run_audit"]


@dataclass(slots=True)
class AuditSummary:
    """What one audit did, stage by stage."""

    crawl_status: str | None = None
    imported: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    findings: int = 0
    html: Path | None = None
    pdf: Path | None = None


def run_audit(
    settings: Settings,
    *,
    echo: Echo,
    fast: bool | None = None,
    html: Path | None = None,
    pdf: Path | None = None,
    password: str | None = None,
    before_report: Callable[[Store], None] | None = None,
) -> AuditSummary:
    """Crawl, import, analyze and report; one failing account or archive does not stop the rest.

    Args:
        settings: resolved settings (accounts, archives, appointment date...).
        echo: prints one line for the user.
        fast: lift polite crawl delays (default from the config).
        html: report path, or None for the config's (see :func:`selfaudit.app.runtime.report_paths`).
        pdf: PDF path, or None for the config's (or none).
        password: encrypt the PDF with it (never asked here: the command asks before the crawl).
        before_report: called with the open store between the analysis and the report (the demo's clean-up).
    """
    from selfaudit.analysis.embedders import make_embedder
    from selfaudit.analysis.pack import load_pack
    from selfaudit.analysis.pipeline import analyze
    from selfaudit.crawler.importers import import_archive
    from selfaudit.crawler.runner import run_crawl
    from selfaudit.reports.build import build_report

    summary = AuditSummary()
    crawlable, closed = split_closed(settings.accounts)
    if crawlable:
        echo(f"crawling {len(crawlable)} account(s)...")
        outcome = run_crawl(settings, fast=fast)
        summary.crawl_status = outcome.status
        for account in outcome.accounts:
            echo(f"  {account.status:>5} {account.line()}")
            summary.problems += [f"{account.platform}:{account.handle}: {e}" for e in account.errors]
    with Store.open(settings.db_path) as store:
        for archive in settings.archives:
            try:
                result = import_archive(archive, store=store, named=settings.accounts)
            except SelfAuditError as exc:
                echo(f"  import failed: {exc}")
                summary.problems.append(str(exc))
                continue
            summary.imported.append(str(archive))
            echo(f"  imported {archive} ({result.platform}): {result.posts} posts read, {result.inserted} new")
            for warning in result.warnings:
                echo(f"  warning: {warning}")
                summary.problems.append(warning)
        for spec in waiting_for_archive(closed, imported_accounts(store)):
            echo(f"  NOT covered: {spec} ({next_step(spec.platform)})")
            summary.problems.append(f"{spec}: not covered, its archive is missing")
        if store.stats()["posts"] == 0 and not store.latest_profiles():
            raise SelfAuditError("nothing to audit: no posts were gathered (check the accounts and archives in the config)")
        echo("analysing posts and accounts...")
        pack = load_pack(settings.analysis.pack)
        analysis = analyze(store, appointment_date=settings.person.appointment_date, pack=pack,
                           embedder=make_embedder(settings.analysis.embedder))
        summary.findings = len(store.findings(pack=pack.id))
        echo(f"  judged {analysis.judged} posts ({analysis.skipped} unchanged) in {analysis.seconds:.1f} s: "
             f"{analysis.post_findings} post findings, {analysis.account_findings} account findings")
        if analysis.pictures or analysis.media_findings:
            echo(f"  read {analysis.pictures} pictures: {analysis.media_findings} findings from pictures and places")
        if before_report is not None:
            before_report(store)
        html_path, pdf_path = report_paths(settings, html=html, pdf=pdf)
        echo("writing the report...")
        report = build_report(store, html_path=html_path, pdf_path=pdf_path, password=password, pack=settings.analysis.pack,
                              name=settings.person.name or None, appointment_date=settings.person.appointment_date,
                              named=settings.accounts)
    summary.html, summary.pdf = report.html_path, report.pdf_path
    return summary


def audit(
    config: ConfigOption = None,
    data: DataOption = None,
    appointment_date: AppointmentOption = None,
    html: HtmlOption = None,
    pdf: PdfOption = None,
    password: PasswordOption = None,
    fast: FastOption = False,
) -> None:
    """Crawl, import, analyze and report in one go, from selfaudit.toml.

    The report goes where `selfaudit report` puts it: --html/--pdf as given, else the
    config's [report] paths inside the data folder. A PDF is encrypted with --password
    (or $SELFAUDIT_PDF_PASSWORD); without one you are asked on a terminal, before the crawl starts.
    """
    settings = load(config, data, appointment_date=appointment_date)
    if not settings.accounts and not settings.archives:
        raise SelfAuditError("no accounts or archives configured: run `selfaudit init` and edit selfaudit.toml")
    html_path, pdf_path = report_paths(settings, html=html, pdf=pdf)
    password = pdf_password(pdf_path, password)
    summary = run_audit(settings, echo=plain_echo(), fast=True if fast else None, html=html_path, pdf=pdf_path,
                        password=password)
    console.print(f"Report: {summary.html}" + (f"\nPDF: {summary.pdf} ({'encrypted' if password else 'not encrypted'})"
                                               if summary.pdf else ""), highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``audit`` to the CLI."""
    app.command()(audit)

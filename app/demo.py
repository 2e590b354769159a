"""``selfaudit audit`` and ``selfaudit demo``: every stage in one go.

``audit`` runs crawl, import, analyze and report from ``selfaudit.toml``;
``demo`` does the same against the local sandbox with the invented persona and
then checks the result against the sandbox's truth, so a newcomer sees the
whole product work (and a regression shows) in one command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

import typer

from selfaudit.config import BlueskyConfig, CrawlConfig, PersonConfig, Settings
from selfaudit.errors import SelfAuditError
from selfaudit.handles import parse_handle
from selfaudit.platforms import imported_accounts, next_step, split_closed, waiting_for_archive
from selfaudit.store import Store

__all__ = ["AuditSummary", "check_against_truth", "register", "run_audit"]

Echo = Callable[[str], None]


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
) -> AuditSummary:
    """Crawl, import, analyze and report; one failing account or archive does not stop the rest.

    Args:
        settings: resolved settings (accounts, archives, appointment date...).
        echo: prints one line for the user.
        fast: lift polite crawl delays (default from the config).
        html: report path (default from the config, inside the data folder when relative).
        pdf: PDF path, or None for the config's (or none).
        password: encrypt the PDF with it.
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
        html_path = html or _in_data(settings, settings.report.html)
        pdf_path = pdf or (_in_data(settings, settings.report.pdf) if settings.report.pdf else None)
        echo("writing the report...")
        report = build_report(store, html_path=html_path, pdf_path=pdf_path, password=password, pack=settings.analysis.pack,
                              name=settings.person.name or None, appointment_date=settings.person.appointment_date,
                              named=settings.accounts)
    summary.html, summary.pdf = report.html_path, report.pdf_path
    return summary


def _plain(console: Any) -> Echo:
    """An echo that prints text as it is: archive and account names are never read as Rich markup."""
    return lambda line: console.print(line, markup=False, highlight=False)


def _in_data(settings: Settings, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else settings.data_dir / path


def check_against_truth(store: Store, truth: dict[str, Any]) -> dict[str, Any]:
    """Compare the store with the sandbox's truth: what was gathered, what was flagged.

    Returns:
        ``gathered``/``expected`` items, ``missing`` native ids, post ``caught``/``flagged_items``
        (items whose expected concerns got at least one right finding), ``false_flags`` among
        clean items, and per-account ``account_hits``/``account_expected``.
    """
    posts = {(p["platform"], p["native_id"]): p for p in store.iter_posts()}
    findings = store.findings()
    by_post: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        if f["post_id"] is not None:
            by_post.setdefault((f["platform"], f["native_id"]), set()).add(f["concern"])
    items = truth["items"]
    missing = [i["native_id"] for i in items if (i["platform"], i["native_id"]) not in posts]
    flagged = [i for i in items if i["concerns"]]
    caught = [i for i in flagged if set(i["concerns"]) & by_post.get((i["platform"], i["native_id"]), set())]
    clean = [i for i in items if not i["concerns"] and (i["platform"], i["native_id"]) in posts]
    false_flags = [i for i in clean if by_post.get((i["platform"], i["native_id"]))]
    account_found = {(f["platform"], f["account"], f["concern"]) for f in findings if f["account_id"] is not None}
    expected_accounts = [(a["platform"], a["handle"], c) for a in truth["accounts"] for c in a["concerns"]]
    hits = [e for e in expected_accounts if e in account_found]
    return {"expected": len(items), "gathered": len(items) - len(missing), "missing": missing,
            "flagged_items": len(flagged), "caught": len(caught), "clean_items": len(clean),
            "false_flags": len(false_flags), "account_expected": len(expected_accounts), "account_hits": len(hits)}


def register(app: typer.Typer) -> None:
    """Add ``audit`` and ``demo`` to the CLI."""

    @app.command()
    def audit(
        config: Annotated[Path | None, typer.Option("--config", help="Configuration file.", show_default=False)] = None,
        data: Annotated[Path | None, typer.Option("--data", help="Data folder holding the private database.", show_default=False)] = None,
        appointment_date: Annotated[str | None, typer.Option("--appointment-date", help="The date you joined the UN (YYYY-MM-DD).")] = None,
        html: Annotated[Path | None, typer.Option("--html", help="Report path (default: from the config).")] = None,
        pdf: Annotated[Path | None, typer.Option("--pdf", help="Also write a PDF here.")] = None,
        password: Annotated[str | None, typer.Option("--password", help="Encrypt the PDF with this password.")] = None,
        fast: Annotated[bool, typer.Option("--fast", help="Lift the polite crawl delays (only for your own test servers).")] = False,
    ) -> None:
        """Crawl, import, analyze and report in one go, from selfaudit.toml."""
        from selfaudit.app.cli import console, load

        settings = load(config, data, appointment_date=appointment_date)
        if not settings.accounts and not settings.archives:
            raise SelfAuditError("no accounts or archives configured: run `selfaudit init` and edit selfaudit.toml")
        summary = run_audit(settings, echo=_plain(console), fast=True if fast else None, html=html, pdf=pdf, password=password)
        console.print(f"Report: {summary.html}" + (f"\nPDF: {summary.pdf}" if summary.pdf else ""))

    @app.command()
    def demo(
        data: Annotated[Path | None, typer.Option("--data", help="Data folder for the demo (default: a 'demo' folder in your user data folder).", show_default=False)] = None,
        html: Annotated[Path | None, typer.Option("--html", help="Report path (default: inside the demo data folder).")] = None,
        pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the PDF (needs Chromium).")] = True,
        password: Annotated[str | None, typer.Option("--password", help="Encrypt the demo PDF with this password.")] = None,
        faults: Annotated[str, typer.Option("--faults", help="Sandbox faults to switch on (none, flaky, hostile, all...).")] = "none",
    ) -> None:
        """Audit the invented demo persona against the local sandbox; no configuration needed."""
        from selfaudit.app.cli import console
        from selfaudit.sandbox import Sandbox, build_persona, parse_faults
        from selfaudit.sandbox.archives import CLOSED_SPECS, write_x_archive

        from selfaudit.config import default_data_dir

        folder = (data or default_data_dir() / "demo").expanduser()
        for stale in folder.glob("selfaudit.db*"):  # the sandbox's port is new each run, and so are its ids
            stale.unlink()
        persona = build_persona()
        with Sandbox(port=0, persona=persona, faults=parse_faults(faults, seed=persona.seed)) as sandbox:
            truth = sandbox.truth()
            base = sandbox.base_url
            console.print(f"sandbox at {base} ({len(truth['items'])} items of {truth['persona']['name']})")
            settings = Settings(
                person=PersonConfig(name=truth["persona"]["name"], appointment_date=dt.date.fromisoformat(truth["persona"]["appointment"])),
                accounts=tuple(parse_handle(spec) for spec in (*sandbox.handle_specs(), *CLOSED_SPECS)),
                archives=(write_x_archive(folder / "archives"),),  # the Instagram archive is left missing
                data_dir=folder,
                crawl=replace(CrawlConfig(), fast=True),
                bluesky=BlueskyConfig(plc_url=f"{base}/plc", appview_url=base),
            )
            summary = run_audit(settings, echo=_plain(console), fast=True,
                                html=html or folder / "selfaudit-demo-report.html",
                                pdf=(html or folder / "selfaudit-demo-report.html").with_suffix(".pdf") if pdf else None,
                                password=password)
            with Store.open(settings.db_path, readonly=True) as store:
                check = check_against_truth(store, truth)
        console.print(
            f"check against the persona's truth: gathered {check['gathered']}/{check['expected']} items; "
            f"caught {check['caught']}/{check['flagged_items']} risky items; "
            f"{check['false_flags']}/{check['clean_items']} clean items flagged; "
            f"account concerns {check['account_hits']}/{check['account_expected']}"
        )
        console.print(f"Report: {summary.html}" + (f"\nPDF: {summary.pdf}" if summary.pdf else ""))

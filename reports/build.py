"""Store -> report files: read what the report needs, build the view-model, write HTML/PDF.

The only module in ``reports`` that reads the store; ``context.py`` stays pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html, write_html
from selfaudit.reports.media import load_media
from selfaudit.reports.rules import PackInfo, load_pack_info

from selfaudit.errors import ReportError
from selfaudit.values import now_iso

__all__ = ["ReportResult", "build_report", "check_pdf_password", "load_report_data", "render_review_page"]

_BAD_RUN = ("failed", "error", "partial", "interrupted", "blocked", "unreachable")


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What ``build_report`` wrote and what the report says."""

    html_path: Path
    pdf_path: Path | None
    flagged_posts: int
    account_findings: int
    html_bytes: int
    cleaned: int | None
    total: int | None


def _latest_runs(store: Any) -> list[dict[str, Any]]:
    """The newest crawl and import row per account, as ``crawl_runs`` for the context."""
    out: list[dict[str, Any]] = []
    for kind in ("crawl", "import"):
        seen: set[int] = set()
        for run in store.runs(kind=kind):  # newest first
            for acc in run.get("accounts", []):
                if acc["account_id"] in seen:
                    continue
                seen.add(acc["account_id"])
                errors = [f"{kind}: {e}" for e in acc.get("errors") or []]
                status = str(acc.get("status") or "")
                if not errors and status in _BAD_RUN:
                    errors = [f"the last {kind} ended as {status}"]
                out.append({"account_id": acc["account_id"], "started_at": run.get("started_at"),
                            "status": "ok", "errors": errors})
    return out


def load_report_data(
    store: Any,
    *,
    pack: PackInfo,
    name: str | None = None,
    appointment_date: str | dt.date | None = None,
    generated_at: str | None = None,
    named: Sequence[Any] = (),
) -> dict[str, Any]:
    """Collect the plain rows ``selfaudit.reports.context.build_context`` reads.

    Args:
        store: an open ``selfaudit.store.Store`` (read-only is enough).
        pack: the pack description from ``selfaudit.reports.rules.load_pack_info``.
        name: the person's name, shown in the title.
        appointment_date: the appointment date (marks the charts, sets timing).
        generated_at: ISO timestamp shown as the report date (default: now).
        named: the accounts the configuration names (``HandleSpec``), so an uncovered one is listed.
    """
    findings = store.findings(pack=pack["id"] or None) if pack.get("id") else store.findings()
    if not findings and pack.get("id"):
        findings = store.findings()
    posts = {p["id"]: p for p in store.flagged_posts()}
    accounts = store.accounts()
    profiles = {p["account_id"]: p for p in store.latest_profiles()}
    for acc in accounts:
        acc["display_name"] = acc.get("display_name") or (profiles.get(acc["id"]) or {}).get("display_name")
    return {
        "subject": {"name": name or "", "appointment_date": str(appointment_date) if appointment_date else None},
        "generated_at": generated_at or now_iso(),
        "accounts": accounts,
        "coverage": store.report_coverage(),
        "crawl_runs": _latest_runs(store),
        "import_runs": store.runs(kind="import"),
        "named": [{"platform": s.platform, "handle": s.handle, "spec": str(s)} for s in named],
        "posts": posts,
        "findings": findings,
        "verifications": store.verifications(),
        "verify_state": store.verify_state(),
        "decisions": store.decisions(),
        "runs": store.runs(),
        "pack": pack,
        "media": load_media(store, posts) if hasattr(store, "media") else {},
    }


def check_pdf_password(pdf_path: Path | str | None, password: str | None) -> None:
    """Refuse an empty password for a PDF (callers check it before long work, ``build_report`` again).

    Raises:
        ReportError: ``password`` is ``""`` while a PDF is asked for.
    """
    if pdf_path is not None and password is not None and not password:
        raise ReportError("an empty PDF password would protect nothing; give a password or none")


def render_review_page(
    store: Any,
    *,
    token: str,
    pack: str | None = None,
    name: str | None = None,
    appointment_date: str | dt.date | None = None,
    named: Sequence[Any] = (),
) -> str:
    """The report as the review page serves it: the same page, with decision buttons sending ``token``.

    Args:
        store: an open ``selfaudit.store.Store`` (read-only is enough).
        token: the review run's secret; the page sends it with every decision.
        pack, name, appointment_date, named: as for :func:`build_report`.
    """
    data = load_report_data(store, pack=load_pack_info(pack), name=name, appointment_date=appointment_date, named=named)
    return render_html(build_context(data), review_token=token)


def build_report(
    store: Any,
    *,
    html_path: Path | str,
    pdf_path: Path | str | None = None,
    password: str | None = None,
    pack: str | None = None,
    name: str | None = None,
    appointment_date: str | dt.date | None = None,
    generated_at: str | None = None,
    named: Sequence[Any] = (),
) -> ReportResult:
    """Write the report for everything in ``store``: HTML always, PDF when asked.

    Args:
        store: an open ``selfaudit.store.Store``.
        html_path: where the HTML goes (mode 0600).
        pdf_path: where the PDF goes (mode 0600), or None for no PDF.
        password: encrypt the PDF (AES-256) with this password.
        pack: policy pack id or path whose rule texts are quoted (None: the default pack).
        name: the person's name for the title.
        appointment_date: the appointment date (YYYY-MM-DD or a date).
        generated_at: the report date (ISO; default now).
        named: the accounts the configuration names; each is listed as covered or NOT covered.

    Raises:
        ReportError: the page or the PDF cannot be made (e.g. no Chromium for the PDF).
    """
    check_pdf_password(pdf_path, password)
    info = load_pack_info(pack)
    data = load_report_data(store, pack=info, name=name, appointment_date=appointment_date, generated_at=generated_at,
                            named=named)
    context = build_context(data)
    html = render_html(context)
    written = write_html(html_path, html)
    pdf_written = None
    if pdf_path is not None:
        from selfaudit.reports.pdf import write_pdf

        pdf_written = write_pdf(pdf_path, html, password=password, title=context["title"])
    progress = context["progress"]
    return ReportResult(
        html_path=written,
        pdf_path=pdf_written,
        flagged_posts=len(context["post_findings"]),
        account_findings=len(context["account_findings"]),
        html_bytes=len(html.encode("utf-8")),
        cleaned=progress["latest"]["cleaned"] if progress else None,
        total=progress["latest"]["total"] if progress else None,
    )

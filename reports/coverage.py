"""Coverage: every account the user named is crawled, imported, or said plainly to be NOT covered.

A closed platform's account (X, Instagram...) with no archive, or an account
whose crawl read nothing, must never look like a clean account: it gets a row
saying it was not covered, why, and what to do next, and the page warns above
the table. Pure functions over the plain rows ``selfaudit.reports.build`` collects.
"""

from __future__ import annotations

import json
from typing import Any

from selfaudit.reports import labels as L
from selfaudit.reports.dates import human_date

from selfaudit.platforms import CLOSED, display, is_closed, next_step

__all__ = ["covered"]

_Row = dict[str, Any]
_STATES = {"crawled": "Crawled", "imported": "Imported from archive", "both": "Crawled and imported from archive",
           "not-covered": "NOT covered"}


def _date(value: object) -> str:
    return human_date(value)  # one date format for the whole page


def _archives(import_runs: list[_Row]) -> dict[Any, _Row]:
    """The newest import per account id: when it ran and the archive's own date."""
    out: dict[Any, _Row] = {}
    for run in sorted(import_runs, key=lambda r: str(r.get("started_at") or ""), reverse=True):
        try:
            detail = json.loads(run.get("detail") or "{}")
        except (TypeError, ValueError):
            detail = {}
        for acc in run.get("accounts") or []:
            out.setdefault(acc.get("account_id"), {
                "imported_on": _date(run.get("started_at")),
                "archive_date": _date(detail.get("archive_date") if isinstance(detail, dict) else None),
            })
    return out


def _label(platform: str) -> str:
    return CLOSED[platform].label if is_closed(platform) else L.label(L.PLATFORMS, platform)


def _state(row: _Row, acc: _Row, cov: _Row, archive: _Row | None) -> _Row:
    platform = str(acc.get("platform") or "")
    sources = set(cov.get("sources") or [])
    read_something = bool(row.get("posts")) or bool(acc.get("display_name"))
    if archive is not None or (sources == {"archive"}):
        state = "both" if "crawl" in sources else "imported"
    elif is_closed(platform):
        state = "not-covered"
    elif read_something and not (row.get("problems") and not row.get("posts")):
        state = "crawled"
    else:
        state = "not-covered"
    out: _Row = {"state": state, "state_label": _STATES[state], "covered": state != "not-covered",
                 "archive_date": (archive or {}).get("archive_date", ""),
                 "imported_on": (archive or {}).get("imported_on", ""), "reason": "", "next_step": ""}
    if state != "not-covered":
        return out
    if is_closed(platform):
        out["reason"] = f"{_label(platform)} cannot be read publicly, and no archive of it was imported."
        out["next_step"] = next_step(platform)
    elif row.get("problems"):
        out["reason"] = "It could not be read (see the problems listed)."
        out["next_step"] = "Check the handle and your connection, then run `selfaudit crawl` again."
    else:
        out["reason"] = "Nothing was read from it."
        out["next_step"] = "Check the handle, then run `selfaudit crawl` again."
    return out


def _missing_row(named: _Row) -> _Row:
    """A named account the store knows nothing about."""
    platform = str(named.get("platform") or "")
    handle = str(named.get("handle") or "")
    closed = is_closed(platform)
    return {
        "platform": platform, "platform_label": _label(platform),
        "handle": display(platform, handle) if closed else handle, "display_name": "", "posts": 0, "first": "",
        "last": "", "sources": "none", "problems": [], "more_problems": 0, "note": "Not read at all.",
        "state": "not-covered", "state_label": _STATES["not-covered"], "covered": False, "archive_date": "",
        "imported_on": "",
        "reason": (f"{_label(platform)} cannot be read publicly, and no archive of it was imported." if closed
                   else "It has not been crawled yet."),
        "next_step": next_step(platform) if closed else "Run `selfaudit crawl` (or `selfaudit audit`).",
    }


def covered(rows: list[_Row], accounts: list[_Row], data: dict[str, Any]) -> dict[str, Any]:
    """The coverage table and its summary for the view-model.

    Args:
        rows: the table rows built for ``accounts`` (same order), as ``selfaudit.reports.context`` makes them.
        accounts: the store's accounts [{id, platform, handle, display_name}].
        data: the report data; reads ``coverage``, ``import_runs`` [store runs of kind import, with
            ``detail`` JSON holding ``archive_date``] and ``named`` [{platform, handle, spec}]: the
            accounts the configuration names.

    Returns:
        ``{"accounts": rows with state, state_label, covered, archive_date, imported_on, reason,
        next_step (named accounts absent from the store added as NOT covered), "coverage": {accounts,
        covered, not_covered, missing [labels]}}``.
    """
    cov_by_id = {c.get("account_id"): c for c in data.get("coverage") or []}
    archives = _archives(list(data.get("import_runs") or []))
    out = [{**row, **_state(row, acc, cov_by_id.get(acc.get("id"), {}), archives.get(acc.get("id")))}
           for row, acc in zip(rows, accounts, strict=True)]
    for row, acc in zip(out, accounts, strict=True):
        if is_closed(str(acc.get("platform") or "")):
            row["handle"] = display(str(acc["platform"]), str(acc.get("handle") or ""))
    known = {(str(a.get("platform")), str(a.get("handle") or "").lower()) for a in accounts}
    named = list(data.get("named") or [])
    out += [_missing_row(n) for n in named
            if (str(n.get("platform")), str(n.get("handle") or "").lower()) not in known]
    missing = [r for r in out if not r["covered"]]
    labels = [f"{r['platform_label']} {r['handle']}" for r in missing]
    return {"accounts": out,
            "coverage": {"accounts": len(out), "covered": sum(1 for r in out if r["covered"]),
                         "not_covered": len(missing), "missing": labels}}

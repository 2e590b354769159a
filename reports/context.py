"""Pure builders turning store rows into the plain view-model the report template reads.

Input is a ``ReportData`` mapping of plain dicts (see ``build_context``); nothing here
touches the store, the file system or the clock, so every number on the page can be
tested from fixtures. Templates only loop and branch over what this module returns.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from reports import labels as L
from reports.coverage import covered
from reports.plots import SEVERITIES, bar_chart, year_chart

__all__ = ["build_context", "finding_key", "human_date", "progress_history", "safe_link"]

MAX_TEXT = 4000
MAX_PROBLEMS = 3
_Row = dict[str, Any]


def safe_link(url: object) -> str | None:
    """Return ``url`` if it is an absolute http(s) URL, else None (no javascript:, data:...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in "\r\n\t "):
        return url
    return None


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def human_date(value: object) -> str:
    """``2019-10-14T...`` -> ``14 Oct 2019``; empty string when there is no date."""
    d = _parse_date(value)
    return f"{d.day} {d.strftime('%b %Y')}" if d else ""


def finding_key(*parts: object) -> str:
    """Stable short id for a tick: survives re-imports because it hashes natural keys."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _explanation(finding: _Row) -> _Row:
    exp = finding.get("explanation") or {}
    return exp if isinstance(exp, dict) else {"reason": str(exp)}


def _str_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)] if value else []


def _rules_for(rules: dict[str, list[dict[str, str]]], concern: str) -> list[dict[str, str]]:
    return [{"quote": str(r.get("quote") or ""), "ref": str(r.get("ref") or ""),
             "source": str(r.get("source") or ""), "file": str(r.get("file") or "")}
            for r in rules.get(concern, [])]


def _rulebook(rules: dict[str, list[dict[str, str]]], concern_ids: list[str]) -> list[_Row]:
    """Every rule of the concerns that were found, quoted once at the end of the report."""
    out = []
    for cid in concern_ids:
        table = L.CONCERNS if cid in L.CONCERNS else L.ACCOUNT_CONCERNS
        if rules.get(cid):
            out.append({"id": cid, "label": L.label(table, cid), "rules": _rules_for(rules, cid)})
    return out


def _account_label(account: _Row | None) -> str:
    if not account:
        return "unknown account"
    return str(account.get("handle") or account.get("display_name") or account.get("id"))


def _post_status(verifs: list[_Row]) -> str:
    """Latest verification outcome for a post: gone | present | error | unchecked."""
    if not verifs:
        return "unchecked"
    latest = max(verifs, key=lambda v: str(v.get("checked_at") or ""))
    status = str(latest.get("status") or "error")
    return status if status in ("gone", "present", "error") else "error"


_STATUS_LABELS = {
    "gone": "Removed (checked online)",
    "present": "Still online",
    "error": "Could not check",
    "unchecked": "Not checked yet",
}


def _concern_view(f: _Row, rules: dict[str, list[dict[str, str]]], *, account: bool) -> _Row:
    exp = _explanation(f)
    concern = str(f.get("concern"))
    table = L.ACCOUNT_CONCERNS if account else L.CONCERNS
    info = table.get(concern, (L.label(table, concern), ""))
    severity = str(f.get("severity") or "info")
    score = f.get("score")
    reason = str(exp.get("reason") or "")
    return {
        "id": concern,
        "label": info[0],
        "about": info[1] if info[1].rstrip(".") != reason.rstrip(".") else "",
        "severity": severity,
        "severity_label": L.label(L.SEVERITY_LABELS, severity),
        "reason": reason,
        "triggers": _str_list(exp.get("triggers")),
        "evidence": _str_list(exp.get("evidence")),
        "rules": _rules_for(rules, concern)[:1],
        "more_rules": max(len(rules.get(concern, [])) - 1, 0),
        "action": str(f.get("action") or "review"),
        "action_label": L.label(L.ACTIONS, str(f.get("action") or "review")),
        "confidence": f"{round(float(score) * 100)}%" if isinstance(score, int | float) else "",
    }


def _account_views(rows: list[_Row], accounts_by_id: dict[Any, _Row],
                   rules: dict[str, list[dict[str, str]]]) -> list[_Row]:
    """One card per account concern, listing every account it was found on (most severe first)."""
    by_concern: dict[str, list[_Row]] = defaultdict(list)
    for f in rows:
        by_concern[str(f.get("concern"))].append(f)
    views = []
    for concern, fs in by_concern.items():
        fs.sort(key=lambda f: L.SEVERITY_RANK.get(str(f.get("severity")), 9))
        view = _concern_view(fs[0], rules, account=True)
        view["key"] = "a-" + finding_key("account", concern)
        view["accounts"] = []
        for f in fs:
            acc = accounts_by_id.get(f.get("account_id")) or {}
            exp = _explanation(f)
            view["accounts"].append({
                "account": _account_label(acc),
                "platform_label": L.label(L.PLATFORMS, acc.get("platform")),
                "reason": str(exp.get("reason") or ""),
                "evidence": list(dict.fromkeys(_str_list(exp.get("evidence")))),
            })
        reasons = {a["reason"] for a in view["accounts"]}
        view["shared_reason"] = len(reasons) == 1
        views.append(view)
    views.sort(key=lambda v: (L.SEVERITY_RANK.get(v["severity"], 9), v["label"]))
    return views


def _post_view(post: _Row, findings: list[_Row], account: _Row | None, status: str,
               rules: dict[str, list[dict[str, str]]], timing_default: str) -> _Row:
    concerns = sorted(
        (_concern_view(f, rules, account=False) for f in findings),
        key=lambda c: (L.SEVERITY_RANK.get(c["severity"], 9), c["label"]),
    )
    severity = concerns[0]["severity"]
    timing = str(next((f.get("timing") for f in findings if f.get("timing")), None) or timing_default)
    action = min((c["action"] for c in concerns), key=lambda a: L.ACTION_RANK.get(a, 9))
    text = str(post.get("text") or "")
    lang = str(post.get("lang") or "")
    platform = str(post.get("platform") or (account or {}).get("platform") or "web")
    kind = str(post.get("kind") or "original")
    return {
        "key": "p-" + finding_key(platform, post.get("native_id") or post.get("id")),
        "severity": severity,
        "severity_label": L.label(L.SEVERITY_LABELS, severity),
        "platform": platform,
        "platform_label": L.label(L.PLATFORMS, platform),
        "kind": kind,
        "kind_label": L.label(L.KINDS, kind),
        "timing": timing,
        "timing_label": L.label(L.TIMINGS, timing),
        "date": human_date(post.get("created_at")),
        "date_iso": str(post.get("created_at") or "")[:10],
        "account": _account_label(account),
        "text": text[:MAX_TEXT],
        "lang": lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) else "",
        "text_truncated": len(text) > MAX_TEXT,
        "media_alt": [a or "(no description)" for a in (post.get("media_alt") or [])],
        "link": safe_link(post.get("url")),
        "original_author": str(post.get("original_author") or ""),
        "original_link": safe_link(post.get("original_url")),
        "concerns": concerns,
        "concern_ids": " ".join(sorted({c["id"] for c in concerns})),
        "several": len(concerns) > 1,
        "action": action,
        "action_label": L.label(L.ACTIONS, action),
        "status": status,
        "status_label": _STATUS_LABELS[status],
    }


def _coverage_view(accounts: list[_Row], coverage: list[_Row], runs: list[_Row]) -> list[_Row]:
    by_account = {c.get("account_id"): c for c in coverage}
    out = []
    for acc in accounts:
        cov = by_account.get(acc.get("id"), {})
        problems: list[str] = []
        for run in runs:
            same = run.get("account_id") == acc.get("id") or (
                run.get("account_id") is None and run.get("handle") == acc.get("handle")
                and run.get("platform") == acc.get("platform"))
            if not same:
                continue
            errors = _str_list(run.get("errors")) or _str_list(run.get("error"))
            when = human_date(run.get("started_at") or run.get("finished_at"))
            problems += [f"{when}: {e}" if when else e for e in errors]
            if not errors and str(run.get("status") or "ok") not in ("ok", "done", "finished", "success"):
                problems.append(f"{when}: the run ended as {run.get('status')}".lstrip(": "))
        n = int(cov.get("posts") or 0)
        first, last = human_date(cov.get("first")), human_date(cov.get("last"))
        hidden = max(len(problems) - MAX_PROBLEMS, 0)
        platform = str(acc.get("platform") or "")
        out.append({
            "platform": platform,
            "platform_label": L.label(L.PLATFORMS, platform),
            "handle": str(acc.get("handle") or ""),
            "display_name": str(acc.get("display_name") or ""),
            "posts": n,
            "first": first,
            "last": last if last != first else "",
            "sources": ", ".join(sorted(_str_list(cov.get("sources")))) or "none",
            "problems": problems[:MAX_PROBLEMS],
            "more_problems": hidden,
            "note": "" if n else (
                "Profile and links read; it has no posts of its own (a link page)." if acc.get("display_name") and not problems
                else "No posts were gathered for this account."),
        })
    return out


def progress_history(flagged_post_ids: list[Any], verifications: list[_Row]) -> list[_Row]:
    """Clean-up progress after each verify run, oldest first.

    A run is identified by ``run_id`` when present, else by ``checked_at`` to the
    minute. Statuses carry forward: a post found gone stays gone in later counts until
    a later run sees it again.
    """
    flagged = set(flagged_post_ids)
    runs: dict[str, list[_Row]] = defaultdict(list)
    for v in verifications:
        if v.get("post_id") in flagged:
            run = str(v.get("run_id") or str(v.get("checked_at") or "")[:16])
            runs[run].append(v)
    ordered = sorted(runs.values(), key=lambda vs: min(str(v.get("checked_at") or "") for v in vs))
    state: dict[Any, str] = {}
    history = []
    for vs in ordered:
        counts = Counter()
        for v in sorted(vs, key=lambda v: str(v.get("checked_at") or "")):
            status = str(v.get("status") or "error")
            counts[status] += 1
            if status in ("gone", "present"):
                state[v.get("post_id")] = status
        checked_at = max(str(v.get("checked_at") or "") for v in vs)
        history.append({
            "date": human_date(checked_at),
            "checked_at": checked_at,
            "checked": len(vs),
            "errors": counts["error"],
            "cleaned": sum(1 for s in state.values() if s == "gone"),
            "total": len(flagged),
        })
    return history


def _appointment_marker(appointment: date | None) -> tuple[int, float] | None:
    if appointment is None:
        return None
    start = date(appointment.year, 1, 1)
    return appointment.year, (appointment - start).days / 365.25


def build_context(data: dict[str, Any]) -> dict[str, Any]:
    """Build the report view-model from plain rows.

    Args:
        data: ``subject`` {name, appointment_date}, ``generated_at``, ``accounts``
            [{id, platform, handle, display_name}], ``coverage`` [{account_id, posts,
            first, last, sources}], ``crawl_runs`` [{account_id, started_at, status,
            errors}], ``posts`` {post_id: post row}, ``findings`` (architecture.md shape
            plus ``id``), ``verifications`` [{post_id, checked_at, status, run_id}],
            ``pack`` {id, title, version, ethics_contact, rules: {concern: [{quote, ref}]}}.

    Returns:
        A dict of strings, numbers, lists and ``Markup`` charts for the template.
    """
    subject = data.get("subject") or {}
    appointment = _parse_date(subject.get("appointment_date"))
    accounts: list[_Row] = list(data.get("accounts") or [])
    accounts_by_id = {a.get("id"): a for a in accounts}
    posts: dict[Any, _Row] = dict(data.get("posts") or {})
    pack = data.get("pack") or {}
    rules = pack.get("rules") or {}
    findings: list[_Row] = list(data.get("findings") or [])
    verifs_by_post: dict[Any, list[_Row]] = defaultdict(list)
    for v in data.get("verifications") or []:
        verifs_by_post[v.get("post_id")].append(v)

    by_post: dict[Any, list[_Row]] = defaultdict(list)
    account_rows: list[_Row] = []
    for f in findings:
        if f.get("post_id") is not None and f.get("post_id") in posts:
            by_post[f["post_id"]].append(f)
        elif f.get("account_id") is not None:
            account_rows.append(f)

    post_views = []
    for post_id, fs in by_post.items():
        post = posts[post_id]
        account = accounts_by_id.get(post.get("account_id"))
        default_timing = "unknown"
        created = _parse_date(post.get("created_at"))
        if appointment and created:
            default_timing = "pre-appointment" if created < appointment else "post-appointment"
        view = _post_view(post, fs, account, _post_status(verifs_by_post.get(post_id, [])),
                          rules, default_timing)
        view["_year"] = created.year if created else None
        post_views.append(view)
    post_views.sort(key=lambda p: (L.SEVERITY_RANK.get(p["severity"], 9),
                                   [L.SEVERITY_RANK.get(c["severity"], 9) for c in p["concerns"]],
                                   -((_parse_date(p["date_iso"]) or date.min).toordinal())))

    account_views = _account_views(account_rows, accounts_by_id, rules)

    years: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in post_views:
        if p["_year"]:
            years[p.pop("_year")][p["severity"]] += 1
        else:
            p.pop("_year")
    concern_counts = Counter(c["id"] for p in post_views for c in p["concerns"])
    platform_counts = Counter(p["platform"] for p in post_views)
    severity_counts = Counter(p["severity"] for p in post_views) + Counter(a["severity"] for a in account_views)

    history = progress_history(list(by_post), list(data.get("verifications") or []))
    total_posts = sum(int(c.get("posts") or 0) for c in data.get("coverage") or [])

    def facet(table: dict[str, Any], counts: Counter[str], order: list[str]) -> list[_Row]:
        keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if k not in order)
        return [{"id": k, "label": L.label(table, k), "count": counts[k]} for k in keys]

    return {
        "title": f"Social media self-review{': ' + str(subject['name']) if subject.get('name') else ''}",
        "generated": human_date(data.get("generated_at")),
        "subject": {
            "name": str(subject.get("name") or ""),
            "appointment": human_date(appointment),
        },
        **covered(_coverage_view(accounts, list(data.get("coverage") or []), list(data.get("crawl_runs") or [])),
                  accounts, data),  # "accounts" (the coverage rows) and "coverage" (its summary)
        "totals": {
            "posts": total_posts,
            "flagged_posts": len(post_views),
            "account_findings": len(account_views),
        },
        "severity_counts": [{"id": s, "label": L.SEVERITY_LABELS[s], "count": severity_counts.get(s, 0)}
                            for s in SEVERITIES],
        "charts": {
            "years": year_chart({y: dict(v) for y, v in years.items()},
                                appointment=_appointment_marker(appointment)),
            "concerns": bar_chart([(L.label(L.CONCERNS, k), n) for k, n in concern_counts.most_common()],
                                  title="Flagged posts per concern", css="bar"),
            "platforms": bar_chart([(L.label(L.PLATFORMS, k), n) for k, n in platform_counts.most_common()],
                                   title="Flagged posts per platform", css="bar alt"),
        },
        "account_findings": account_views,
        "rulebook": _rulebook(rules, list(dict.fromkeys(
            [c["id"] for p in post_views for c in p["concerns"]] + [a["id"] for a in account_views]))),
        "post_findings": post_views,
        "filters": {
            "severity": facet(L.SEVERITY_LABELS, Counter(p["severity"] for p in post_views), list(SEVERITIES)),
            "concern": facet(L.CONCERNS, concern_counts, list(L.CONCERNS)),
            "platform": facet(L.PLATFORMS, platform_counts, list(L.PLATFORMS)),
            "timing": facet(L.TIMINGS, Counter(p["timing"] for p in post_views), list(L.TIMINGS)),
            "kind": facet(L.KINDS, Counter(p["kind"] for p in post_views), list(L.KINDS)),
            "status": facet(_STATUS_LABELS, Counter(p["status"] for p in post_views), list(_STATUS_LABELS)),
        },
        "progress": {"latest": history[-1], "history": history} if history else None,
        "pack": {"id": str(pack.get("id") or ""), "title": str(pack.get("title") or ""),
                 "version": str(pack.get("version") or ""),
                 "ethics_contact": str(pack.get("ethics_contact") or "")},
        "storage_key": finding_key(*sorted(f"{a.get('platform')}:{a.get('handle')}" for a in accounts)),
    }

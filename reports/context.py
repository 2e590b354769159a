"""Pure builders turning store rows into the plain view-model the report template reads.

Input is a ``ReportData`` mapping of plain dicts (see ``build_context``); nothing here
touches the store, the file system or the clock, so every number on the page can be
tested from fixtures. Templates only loop and branch over what this module returns.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from selfaudit.analysis.severity import timing_of
from selfaudit.reports import labels as L
from selfaudit.reports.cards import (
    CERTAINTY_LABELS,
    account_cards,
    concern_view,
    find_online,
    finish_card,
    first_words,
    merge_copies,
    post_action,
)
from selfaudit.reports.coverage import covered
from selfaudit.reports.dates import human_date
from selfaudit.reports.dates import parse_date as _parse_date
from selfaudit.reports.decisions import annotate_cards, loop_context
from selfaudit.reports.media import media_view, places_view
from selfaudit.reports.plots import SEVERITIES, bar_chart, year_chart
from selfaudit.reports.remains import merge_remains, remains_summary, remains_view
from selfaudit.reports.rulebook import build_rulebook

from selfaudit.store import verify_state_of

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


def finding_key(*parts: object) -> str:
    """Stable short id for a tick: survives re-imports because it hashes natural keys."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _str_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)] if value else []


def _account_label(account: _Row | None) -> str:
    if not account:
        return "unknown account"
    return str(account.get("handle") or account.get("display_name") or account.get("id"))


def _post_status(entry: _Row | None) -> str:
    """A post's card status from its ``Store.verify_state()`` entry: gone | present | error | unchecked.

    ``error`` ("Could not check") only while no check has given a clear answer; a
    later check that failed does not undo an earlier gone or present.
    """
    online = (entry or {}).get("online")
    if online is not None:
        return "present" if online else "gone"
    return "error" if (entry or {}).get("checked_at") else "unchecked"


_STATUS_LABELS = {
    "gone": "Removed (checked online)",
    "present": "Still online",
    "error": "Could not check",
    "unchecked": "Not checked yet",
}

_HAS_MEDIA = {"yes": "With a picture", "no": "Without a picture"}
_HAS_LOCATION = {"yes": "With a location", "no": "Without a location"}

SEVERITY_MEANING = {
    "high": "Likely against the rules, or puts someone at risk. Deal with these first, today.",
    "medium": "Could reflect on you or on the UN. Read each one again and fix or remove it.",
    "low": "Minor or old. Review when you have time; keeping it may be fine.",
    "info": "For your awareness only; nothing needs to change.",
}


def _post_view(post: _Row, findings: list[_Row], account: _Row | None, status: str,
               refs: dict[str, list[_Row]], timing_default: str, exemplar_lang: dict[str, str],
               concerns: dict[str, dict[str, str]]) -> _Row:
    text = str(post.get("text") or "")
    lang = str(post.get("lang") or "")
    lang = lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) else ""
    concerns = sorted(
        (concern_view(f, refs, concerns=concerns, post_lang=lang, exemplar_lang=exemplar_lang) for f in findings),
        key=lambda c: (L.SEVERITY_RANK.get(c["severity"], 9), -c["score"], c["label"]),
    )
    timing = str(next((f.get("timing") for f in findings if f.get("timing")), None) or timing_default)
    platform = str(post.get("platform") or (account or {}).get("platform") or "web")
    platform_label = L.label(L.PLATFORMS, platform)
    kind = str(post.get("kind") or "original")
    link = safe_link(post.get("url"))
    action, action_label, howto_line = post_action(concerns, kind=kind, platform=platform, platform_label=platform_label)
    date = human_date(post.get("created_at"))
    archived = not link and str(post.get("source") or "") == "archive"
    view = {
        "key": "p-" + finding_key(platform, post.get("native_id") or post.get("id")),
        "platform": platform,
        "platform_label": platform_label,
        "kind": kind,
        "kind_label": L.label(L.KINDS, kind),
        "timing": timing,
        "timing_label": L.label(L.TIMINGS, timing),
        "date": date,
        "date_iso": str(post.get("created_at") or "")[:10],
        "account": _account_label(account),
        "text": text[:MAX_TEXT],
        "lang": lang,
        "text_truncated": len(text) > MAX_TEXT,
        "media_alt": [a or "(no description)" for a in (post.get("media_alt") or [])],
        "link": link,
        "original_author": str(post.get("original_author") or ""),
        "original_link": safe_link(post.get("original_url")),
        "concerns": concerns,
        "action": action,
        "action_label": action_label,
        "howto": howto_line,
        "find_online": find_online(platform=platform, platform_label=platform_label, account=_account_label(account),
                                   date=date, words=first_words(text, 40)) if archived else "",
        "status": status,
        "status_label": _STATUS_LABELS[status],
    }
    return view


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
    minute. ``cleaned`` after a run is what ``Store.verify_state()`` would have said
    then (the same derivation, over the checks made so far): a post found gone stays
    gone until a later check sees it again, and a check that could not tell changes nothing.
    """
    flagged = set(flagged_post_ids)
    rows = sorted((v for v in verifications if v.get("post_id") in flagged),
                  key=lambda v: (str(v.get("checked_at") or ""), v.get("id") or 0))
    runs: dict[str, list[int]] = defaultdict(list)  # run -> indexes into rows
    for i, v in enumerate(rows):
        runs[str(v.get("run_id") or str(v.get("checked_at") or "")[:16])].append(i)
    history = []
    for indexes in sorted(runs.values()):
        last = rows[indexes[-1]]
        state = verify_state_of(rows[:indexes[-1] + 1])
        history.append({
            "date": human_date(last.get("checked_at")),
            "checked_at": str(last.get("checked_at") or ""),
            "checked": len(indexes),
            "errors": sum(1 for i in indexes if str(rows[i].get("status") or "error") == "error"),
            "cleaned": sum(1 for e in state.values() if e["online"] is False),
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
            plus ``id``), ``verifications`` [{post_id, checked_at, status, run_id}] (the progress history),
            ``decisions`` {finding id: latest decision} and ``runs`` (newest first), both optional,
            ``verify_state`` {post_id: Store.verify_state() entry} (online, copies): the only source of a
            post's online state,
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
    verify_state: dict[Any, _Row] = dict(data.get("verify_state") or {})
    by_post: dict[Any, list[_Row]] = defaultdict(list)
    account_rows: list[_Row] = []
    for f in findings:
        if f.get("post_id") is not None and f.get("post_id") in posts:
            # verify's latest clear answer (True, False or None), the card's status and the progress line's
            by_post[f["post_id"]].append({**f, "online": (verify_state.get(f["post_id"]) or {}).get("online")})
        elif f.get("account_id") is not None:
            account_rows.append(f)

    found = {str(f.get("concern")) for fs in by_post.values() for f in fs} | {str(f.get("concern")) for f in account_rows}
    concerns: dict[str, dict[str, str]] = dict(pack.get("concerns") or {})  # the pack's titles, in its order
    post_ids = [c for c, v in concerns.items() if v.get("scope") != "account"]
    account_ids = [c for c, v in concerns.items() if v.get("scope") == "account"]
    order = [c for c in post_ids if c in found] + sorted(c for c in found if c not in concerns)
    order += [c for c in account_ids if c in found]
    book = build_rulebook(rules, [(c, L.concern_label(concerns, c)[0]) for c in order])
    refs = book["by_concern"]

    raw_views = []
    card_of_post: dict[Any, _Row] = {}
    for post_id, fs in by_post.items():
        post = posts[post_id]
        account = accounts_by_id.get(post.get("account_id"))
        created = _parse_date(post.get("created_at"))
        default_timing = timing_of(created, appointment) or "unknown"
        view = _post_view(post, fs, account, _post_status(verify_state.get(post_id)),
                          refs, default_timing, dict(pack.get("exemplar_lang") or {}), concerns)
        view.update(media_view(post_id, fs, data.get("media")))
        view["_year"] = created.year if created else None
        view["_post_id"] = post_id
        view["remains"] = remains_view(verify_state.get(post_id), post_url=post.get("url"),
                                       account=view["account"], name=str(subject.get("name") or ""),
                                       date=human_date, link=safe_link)
        raw_views.append(finish_card(view))
    raw_views.sort(key=lambda p: p["rank"])
    merged = [finish_card(v) for v in merge_copies(raw_views)]
    merged.sort(key=lambda p: p["rank"])
    post_of_key = {v["key"]: v["_post_id"] for v in raw_views}
    remains_of_key = {v["key"]: v["remains"] for v in raw_views}
    for v in merged:
        for k in v["copy_keys"]:
            card_of_post[post_of_key[k]] = v
        v["remains"] = merge_remains([remains_of_key[k] for k in v["copy_keys"]])
        v["online"] = v["remains"]["online"]
    post_views = merged

    posts_by_account: dict[Any, list[_Row]] = defaultdict(list)
    for post_id in by_post:
        posts_by_account[posts[post_id].get("account_id")].append(posts[post_id])
    account_views = account_cards(account_rows, accounts_by_id, refs, concerns=concerns, advice=dict(pack.get("advice") or {}),
                                  posts_by_account=posts_by_account, card_of_post=card_of_post,
                                  account_label=_account_label)

    rows = annotate_cards(post_views, account_views, card_of_post=card_of_post, by_post=by_post, posts=posts,
                          account_rows=account_rows, accounts_by_id=accounts_by_id,
                          decisions=dict(data.get("decisions") or {}), date=human_date)
    cleanup = loop_context(rows, concerns=concerns, decisions=dict(data.get("decisions") or {}), runs=list(data.get("runs") or []),
                           date=human_date)
    years: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in post_views:
        if p["_year"]:
            years[p["_year"]][p["severity"]] += 1
    for p in raw_views:
        p.pop("_year", None)
        p.pop("_post_id", None)
    strong = [p for p in post_views if p["certainty"] == "strong"]
    possible = [p for p in post_views if p["certainty"] == "possible"]
    concern_counts = Counter(c["id"] for p in post_views for c in p["concerns"])
    platform_counts = Counter(pl for p in post_views for pl in p["platform"].split())
    post_severity = Counter(p["severity"] for p in post_views)
    account_severity = Counter(a["severity"] for a in account_views)

    history = progress_history(list(by_post), list(data.get("verifications") or []))
    total_posts = sum(int(c.get("posts") or 0) for c in data.get("coverage") or [])
    start_here = sorted([*strong, *account_views], key=lambda v: v["rank"])[:5]

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
            "strong": len(strong),
            "possible": len(possible),
            "copies": len(raw_views),
            "account_findings": len(account_views),
        },
        "severity_counts": [{"id": s, "label": L.SEVERITY_LABELS[s], "count": post_severity.get(s, 0),
                             "meaning": SEVERITY_MEANING[s]} for s in SEVERITIES],
        "account_severity_counts": [{"id": s, "label": L.SEVERITY_LABELS[s], "count": account_severity.get(s, 0)}
                                    for s in SEVERITIES if account_severity.get(s)],
        "start_here": [{"key": v["key"], "severity": v["severity"], "severity_label": v["severity_label"],
                        "what": v.get("first_words") and f"\u201c{v['first_words']}\u201d" or v["heading"],
                        "where": (f"{v['date']}, {v['platform_label']}" if "platform_label" in v and v.get("date")
                                  else v.get("platform_label", "your profile")),
                        "concerns": v.get("concern_labels") or v["label"],
                        "action": v.get("action_label") or v.get("advice", "")} for v in start_here],
        "certainty_labels": CERTAINTY_LABELS,
        "charts": {
            "years": year_chart({y: dict(v) for y, v in years.items()},
                                appointment=_appointment_marker(appointment)),
            "concerns": bar_chart([(L.concern_label(concerns, k)[0], n) for k, n in concern_counts.most_common()],
                                  title="Flagged posts per concern", css="bar"),
            "platforms": bar_chart([(L.label(L.PLATFORMS, k), n) for k, n in platform_counts.most_common()],
                                   title="Flagged posts per platform", css="bar alt"),
        },
        "account_findings": account_views,
        "rulebook": book["sections"],
        "post_findings": post_views,
        "main_findings": strong,
        "possible_findings": possible,
        "filters": {
            "severity": facet(L.SEVERITY_LABELS, Counter(p["severity"] for p in post_views), list(SEVERITIES)),
            "concern": facet({c: L.concern_label(concerns, c)[0] for c in concerns}, concern_counts, post_ids),
            "platform": facet(L.PLATFORMS, platform_counts, list(L.PLATFORMS)),
            "timing": facet(L.TIMINGS, Counter(p["timing"] for p in post_views), list(L.TIMINGS)),
            "kind": facet(L.KINDS, Counter(p["kind"] for p in post_views), list(L.KINDS)),
            "status": facet(_STATUS_LABELS, Counter(s for p in post_views for s in set(p["status"].split())),
                            list(_STATUS_LABELS)),
            "has_media": facet(_HAS_MEDIA, Counter(p["has_media"] for p in post_views), list(_HAS_MEDIA)),
            "has_location": facet(_HAS_LOCATION, Counter(p["has_location"] for p in post_views), list(_HAS_LOCATION)),
        },
        "places": places_view(list((data.get("media") or {}).get("places") or []), appointment),
        "progress": {"latest": history[-1], "history": history} if history else None,
        "remains": remains_summary(v["remains"] for v in raw_views),
        "cleanup": cleanup,
        "checked": any(p["status"] != "unchecked" for p in raw_views),
        "pack": {"id": str(pack.get("id") or ""), "title": str(pack.get("title") or ""),
                 "version": str(pack.get("version") or ""),
                 "ethics_contact": str(pack.get("ethics_contact") or "")},
        "storage_key": finding_key(*sorted(f"{a.get('platform')}:{a.get('handle')}" for a in accounts)),
    }

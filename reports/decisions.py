"""The clean-up loop in the report: each card's decision, the progress line, dismissals, runs.

Pure like ``context.py``: plain rows in, plain dicts out. A card (one post, its
copies, all their concerns; or one account concern across accounts) carries the
stable ids of every finding it shows, so the review page can record a decision
on all of them and the static page can show what was decided when it was written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from selfaudit.reports import labels as L

from selfaudit.store import ACTIONS, current_decision, finding_uid

__all__ = ["ACTION_BUTTONS", "DECIDED_LABELS", "annotate_cards", "loop_context"]

_Row = dict[str, Any]

_BUTTONS = {
    "delete": "Delete",
    "edit": "Edit",
    "restrict": "Restrict audience",
    "unlike": "Unlike / un-repost",
    "keep": "Keep (give a reason)",
    "dismiss": "Wrong flag: dismiss",
}
ACTION_BUTTONS = tuple((a, _BUTTONS[a]) for a in ACTIONS)
"""The review page's buttons, in the order of :data:`selfaudit.store.ACTIONS`."""

DECIDED_LABELS = {
    "delete": "To delete",
    "edit": "To edit",
    "restrict": "To restrict (audience)",
    "unlike": "To unlike / un-repost",
    "keep": "Kept: it is fine",
    "dismiss": "Dismissed: the flag was wrong",
}
_RUN_KINDS = {"crawl": "Crawl", "import": "Archive import", "analyze": "Analysis", "verify": "Verify online"}
MAX_RUNS = 20


def _post_finding(post: _Row, concern: str) -> _Row:
    return {"post_id": post.get("id"), "platform": post.get("platform"), "native_id": post.get("native_id"),
            "concern": concern, "text": post.get("text")}


def _account_finding(account: _Row, concern: str) -> _Row:
    return {"post_id": None, "platform": account.get("platform"), "account": account.get("handle"), "concern": concern}


def _state(items: list[_Row], decisions: Mapping[str, Mapping[str, Any]], date: Callable[[object], str]) -> _Row:
    """A card's decision: ids, how many are decided, and the latest action (or ``mixed``)."""
    uids = list(dict.fromkeys(finding_uid(f) for f in items))
    current = {u: d for f in items if (d := current_decision(f, decisions)) is not None for u in [finding_uid(f)]}
    lapsed = [u for u in uids if u in decisions and u not in current]
    latest = max(current.values(), key=lambda d: int(d.get("id") or 0), default=None)
    actions = {d["action"] for d in current.values()}
    action = (latest or {}).get("action", "") if len(actions) == 1 else ("mixed" if actions else "")
    label = DECIDED_LABELS.get(action, "Several decisions" if action == "mixed" else "")
    return {
        "ids": " ".join(uids),
        "count": len(uids),
        "decided": len(current),
        "done": bool(uids) and len(current) == len(uids),
        "action": action,
        "label": label,
        "date": date((latest or {}).get("decided_at")),
        "note": str((latest or {}).get("note") or ""),
        "lapsed": bool(lapsed),
        "by_concern": {str(f.get("concern")): DECIDED_LABELS.get((current.get(finding_uid(f)) or {}).get("action", ""), "")
                       for f in items},
    }


def annotate_cards(
    post_cards: list[_Row],
    account_cards: list[_Row],
    *,
    card_of_post: Mapping[Any, _Row],
    by_post: Mapping[Any, list[_Row]],
    posts: Mapping[Any, _Row],
    account_rows: list[_Row],
    accounts_by_id: Mapping[Any, _Row],
    decisions: Mapping[str, Mapping[str, Any]],
    date: Callable[[object], str],
) -> list[_Row]:
    """Give every card its ``decision`` (see :func:`_state`); returns every finding as a plain row.

    Each returned row has ``id`` (the stable finding id), ``concern``, ``post_id``
    and ``decision`` (the current action or None), for the progress line.
    """
    items_of: dict[int, list[_Row]] = {}
    rows: list[_Row] = []
    for post_id, fs in by_post.items():
        card = card_of_post[post_id]
        for f in fs:
            item = _post_finding(posts[post_id], str(f.get("concern")))
            items_of.setdefault(id(card), []).append(item)
            rows.append({**item, "online": f.get("online")})
    by_concern: dict[str, list[_Row]] = {}
    for f in account_rows:
        item = _account_finding(accounts_by_id.get(f.get("account_id")) or {}, str(f.get("concern")))
        by_concern.setdefault(str(f.get("concern")), []).append(item)
        rows.append({**item, "online": None})
    for card in post_cards:
        card["decision"] = _state(items_of.get(id(card), []), decisions, date)
    for card in account_cards:
        card["decision"] = _state(by_concern.get(str(card.get("id")), []), decisions, date)
    for row in rows:
        row["id"] = finding_uid(row)
        row["decision"] = (current_decision(row, decisions) or {}).get("action")
    return rows


def loop_context(
    rows: list[_Row],
    *,
    decisions: Mapping[str, Mapping[str, Any]],
    runs: list[_Row],
    date: Callable[[object], str],
    concerns: Mapping[str, Mapping[str, str]] | None = None,
) -> _Row:
    """The progress line, the dismissals per concern and the history of runs.

    Args:
        rows: every finding, from :func:`annotate_cards`; ``online`` is its post's ``Store.verify_state()`` answer.
        decisions: the latest decision per finding id (``Store.decisions()``).
        runs: ``Store.runs()`` (newest first).
        date: turns a timestamp into the report's date words.
        concerns: the pack's concern names (``PackInfo["concerns"]``) for the dismissals' labels.
    """
    total = len({r["id"] for r in rows})
    dealt = len({r["id"] for r in rows if r["decision"]})
    online = {r["id"]: r["online"] for r in rows}
    checked = [v for v in online.values() if v is not None]
    gone = sum(1 for v in checked if v is False)
    text = f"{dealt} of {total} finding{'s' if total != 1 else ''} dealt with"
    if checked:
        text += f", {gone} confirmed gone"
    dismissed = Counter(str(d.get("concern")) for d in decisions.values() if d.get("action") == "dismiss")
    return {
        "progress": {"total": total, "dealt": dealt, "gone": gone if checked else None, "text": text},
        "dismissals": [
            {"concern": c, "label": L.concern_label(concerns or {}, c)[0], "count": n}
            for c, n in sorted(dismissed.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "runs": [
            {"kind": _RUN_KINDS.get(str(r.get("kind")), str(r.get("kind") or "")),
             "date": date(r.get("started_at")), "time": str(r.get("started_at") or "")[11:16],
             "status": str(r.get("status") or ""), "accounts": len(r.get("accounts") or [])}
            for r in runs[:MAX_RUNS]
        ],
        "more_runs": max(len(runs) - MAX_RUNS, 0),
        "actions": [{"id": a, "label": lbl} for a, lbl in ACTION_BUTTONS],
    }

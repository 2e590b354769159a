"""Finding cards: one per post text (cross-posts merged), one per account concern, ranked by harm.

Pure functions over plain dicts, used by ``selfaudit.reports.context``. A card says, in this order:
what the concern is about (a plain sentence), how sure the match is (strong/possible, never a
percentage), the words or the example it resembles, the rules it touches (by number), and
one thing to do with the platform's how-to line.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from selfaudit.analysis.severity import STRONG_AT, certainty
from selfaudit.reports import labels as L
from selfaudit.reports.actions import ACTION_LABELS, ACTION_RANK, howto, remedy

__all__ = [
    "CERTAINTY_LABELS",
    "account_cards",
    "concern_view",
    "find_online",
    "finding_certainty",
    "finish_card",
    "first_words",
    "merge_copies",
    "post_action",
    "rank_key",
]

_Row = dict[str, Any]
CERTAINTY_LABELS = {"strong": "Strong match", "possible": "Possible match"}
# The judge's generic sentences; the card says the same more plainly (about + words + example).
_GENERIC_REASON = re.compile(r"^This [\w ]{2,20}? (?:looks like|is close in meaning to)\b")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def first_words(text: str, limit: int = 60) -> str:
    """The start of a text on one line, cut at a word boundary, for headings and one-line lists."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,.;:!?") + "\u2026"


def finding_certainty(f: _Row) -> str:
    """``strong``/``possible`` from the finding, or from its score for findings stored before it was kept."""
    stored = f.get("certainty")
    if stored in CERTAINTY_LABELS:
        return str(stored)
    score = f.get("score")
    return certainty(float(score)) if isinstance(score, int | float) else "strong"


def _triggers(values: list[str]) -> list[str]:
    """Words worth showing: at least two letters (no ``(9)``), on one line, not too long."""
    out: list[str] = []
    for v in values:
        flat = " ".join(str(v).split())
        if _LETTERS.search(flat) and flat.casefold() not in (o.casefold() for o in out):
            out.append(first_words(flat, 40))
    return out[:4]


def _example(exp: _Row, *, post_lang: str, exemplar_lang: dict[str, str]) -> str:
    """The nearest pack example, only when it is in the post's language or in English."""
    text = " ".join(str(exp.get("exemplar") or "").split())
    lang = exemplar_lang.get(text, "")
    if not text or not lang:
        return ""
    base = lang.split("-")[0].lower()
    return first_words(text, 100) if base == "en" or base == post_lang.split("-")[0].lower() else ""


def concern_view(f: _Row, refs: dict[str, list[dict[str, Any]]], *, concerns: Mapping[str, Mapping[str, str]],
                 post_lang: str = "", exemplar_lang: dict[str, str] | None = None) -> _Row:
    """One concern of a finding: plain sentence first, certainty in words, rules by number.

    ``concerns`` are the pack's titles and about lines (``PackInfo["concerns"]``).
    """
    exp = f.get("explanation") if isinstance(f.get("explanation"), dict) else {"reason": str(f.get("explanation") or "")}
    concern = str(f.get("concern"))
    label, about = L.concern_label(concerns, concern)
    sure = finding_certainty(f)
    severity = str(f.get("severity") or "info")
    if sure == "possible" and severity == "high":  # older stores: a weak match is never High
        severity = "medium"
    reason = " ".join(str(exp.get("reason") or "").split())
    score = f.get("score")
    concern_refs = refs.get(concern, [])
    return {
        "id": concern,
        "label": label,
        "about": about,
        "severity": severity,
        "severity_label": L.label(L.SEVERITY_LABELS, severity),
        "certainty": sure,
        "certainty_label": CERTAINTY_LABELS[sure],
        "score": float(score) if isinstance(score, int | float) else STRONG_AT,
        "reason": "" if _GENERIC_REASON.match(reason) or reason.rstrip(".") == about.rstrip(".") else reason,
        "triggers": _triggers(list(exp.get("triggers") or [])),
        "example": _example(exp, post_lang=post_lang, exemplar_lang=exemplar_lang or {}),
        "rules": [r for r in concern_refs if r["kind"] == "rule"][:1],
        "questions": next((r for r in concern_refs if r["kind"] == "question"), None),
        "action": str(f.get("action") or "review"),
    }


def rank_key(severity: str, concerns: list[_Row], date_iso: str = "") -> tuple[Any, ...]:
    """Worst first: severity, then strong before possible, then more concerns, then surer, then newer."""
    strong = [c for c in concerns if c["certainty"] == "strong"]
    return (L.SEVERITY_RANK.get(severity, 9), 0 if strong else 1, -len(strong), -len(concerns),
            -max((c["score"] for c in concerns), default=0.0), tuple(-ord(ch) for ch in date_iso))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def merge_copies(views: list[_Row]) -> list[_Row]:
    """Merge cards whose text is identical (cross-posts, the same post twice) into one card.

    The first copy (worst, then newest) leads; the others are listed in ``copies`` with their
    own platform, date, link and online state. Concerns are merged by id, keeping the worst.
    """
    groups: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for v in views:
        norm = _norm(v["text"])
        key = (norm, v["kind"]) if len(norm) >= 12 else (v["key"], "")
        if key not in groups:
            order.append(key)
        groups[key].append(v)
    out = []
    for key in order:
        group = groups[key]
        lead = dict(group[0])
        lead["copies"] = [_copy(v) for v in group]
        lead["copy_keys"] = [v["key"] for v in group]
        lead["howtos"] = [lead["howto"]] if lead["howto"] else []
        if len(group) > 1:
            concerns: dict[str, _Row] = {}
            for v in group:
                for c in v["concerns"]:
                    best = concerns.get(c["id"])
                    if best is None or (L.SEVERITY_RANK.get(c["severity"], 9), -c["score"]) < (
                            L.SEVERITY_RANK.get(best["severity"], 9), -best["score"]):
                        concerns[c["id"]] = c
            lead["concerns"] = sorted(concerns.values(), key=lambda c: (L.SEVERITY_RANK.get(c["severity"], 9), -c["score"]))
            lead["platform"] = " ".join(dict.fromkeys(v["platform"] for v in group))
            lead["howtos"] = list(dict.fromkeys(v["howto"] for v in group if v["howto"]))  # one line per platform
            lead["status"] = " ".join(dict.fromkeys(v["status"] for v in group))
        out.append(lead)
    return out


def _copy(v: _Row) -> _Row:
    return {k: v[k] for k in ("platform_label", "kind_label", "account", "date", "date_iso", "link", "status",
                              "status_label", "howto", "find_online")}


def finish_card(view: _Row) -> _Row:
    """Severity, certainty, heading and the one action of a (possibly merged) post card."""
    concerns = view["concerns"]
    view["severity"] = min((c["severity"] for c in concerns), key=lambda s: L.SEVERITY_RANK.get(s, 9))
    view["severity_label"] = L.label(L.SEVERITY_LABELS, view["severity"])
    view["certainty"] = "strong" if any(c["certainty"] == "strong" for c in concerns) else "possible"
    view["certainty_label"] = CERTAINTY_LABELS[view["certainty"]]
    view["concern_ids"] = " ".join(sorted({c["id"] for c in concerns}))
    view["concern_labels"] = " \u00b7 ".join(c["label"] for c in concerns)
    view["several"] = len(concerns) > 1
    view["rank"] = rank_key(view["severity"], concerns, view["date_iso"])
    words = first_words(view["text"], 45) or first_words(", ".join(view["media_alt"]), 45) or view["kind_label"]
    view["first_words"] = words
    view["heading"] = f"{view['date'] or 'Undated'} \u00b7 \u201c{words}\u201d"
    return view


def post_action(concerns: list[_Row], *, kind: str, platform: str, platform_label: str) -> tuple[str, str, str]:
    """(action, label, how-to line): the strongest remedy of the concerns, adapted to platform and kind."""
    if concerns and all(c["certainty"] == "possible" for c in concerns):
        concerns = [{**c, "action": "review"} for c in concerns]  # a possible match is re-read, not deleted on sight
    actions = [remedy(c["action"], kind=kind, platform=platform) for c in concerns]
    action = min(actions, key=lambda a: ACTION_RANK.get(a, 9)) if actions else "review"
    return action, ACTION_LABELS[action], howto(action, platform=platform, platform_label=platform_label)


def find_online(*, platform: str, platform_label: str, account: str, date: str, words: str) -> str:
    """For a post known only from an archive: how to find it online."""
    if platform == "x":
        handle = account.lstrip("@").split("@")[0]
        return f"This copy comes from your archive: on X, search for from:{handle} \u201c{words}\u201d to find it."
    where = f" around {date}" if date else ""
    return (f"This copy comes from your archive: open your {platform_label} profile and scroll to the post{where}, "
            f"or search for \u201c{words}\u201d.")


# --- account findings -------------------------------------------------------------------------

_AFFILIATION = re.compile(r"(?:mentions|address in bio|address)\s+(.+)$")


def _affiliation_marks(evidence: list[str]) -> list[str]:
    """``bio/name mentions UNDP`` -> ``UNDP``: what on the profile shows the affiliation."""
    marks = []
    for e in evidence:
        m = _AFFILIATION.search(e)
        value = (m.group(1) if m else e).strip()
        if value and value not in marks:
            marks.append(value)
    return marks


def _whole_post(evidence: str, posts: list[_Row]) -> _Row | None:
    """The flagged post an evidence line was cut from (analysis keeps only its start)."""
    start = " ".join(evidence.split()).rstrip("\u2026.")
    for p in posts:
        if start and " ".join(str(p.get("text") or "").split()).startswith(start):
            return p
    return None


def account_cards(rows: list[_Row], accounts_by_id: dict[Any, _Row], refs: dict[str, list[dict[str, Any]]], *,
                  concerns: Mapping[str, Mapping[str, str]], advice: dict[str, str], posts_by_account: dict[Any, list[_Row]], card_of_post: dict[Any, _Row],
                  account_label: Callable[[_Row | None], str]) -> list[_Row]:
    """One card per account concern, with concrete choices per account and whole posts."""
    marks: dict[Any, list[str]] = {}
    for f in rows:
        if f.get("concern") == "un-affiliation":
            exp = f.get("explanation") if isinstance(f.get("explanation"), dict) else {}
            marks[f.get("account_id")] = _affiliation_marks([str(e) for e in exp.get("evidence") or []])
    by_concern: dict[str, list[_Row]] = defaultdict(list)
    for f in rows:
        by_concern[str(f.get("concern"))].append(f)
    views = []
    for concern, fs in by_concern.items():
        fs.sort(key=lambda f: L.SEVERITY_RANK.get(str(f.get("severity")), 9))
        view = concern_view(fs[0], refs, concerns=concerns)
        view["key"] = "a-" + _key("account", concern)
        view["advice"] = advice.get(concern, "") or ACTION_LABELS.get(view["action"], "")
        view["accounts"] = []
        for f in fs:
            acc = accounts_by_id.get(f.get("account_id")) or {}
            view["accounts"].append(_account_row(concern, f, acc, marks.get(f.get("account_id"), []),
                                                 posts_by_account.get(f.get("account_id"), []), card_of_post,
                                                 account_label(acc)))
        reasons = {a["reason"] for a in view["accounts"]}
        view["shared_reason"] = len(reasons) == 1
        view["heading"] = f"{view['label']} \u00b7 {', '.join(a['account'] for a in view['accounts'][:2])}" + (
            f" and {len(view['accounts']) - 2} more" if len(view["accounts"]) > 2 else "")
        view["rank"] = rank_key(view["severity"], [view])
        views.append(view)
    views.sort(key=lambda v: v["rank"])
    return views


def _account_row(concern: str, f: _Row, acc: _Row, marks: list[str], posts: list[_Row],
                 card_of_post: dict[Any, _Row], name: str) -> _Row:
    exp = f.get("explanation") if isinstance(f.get("explanation"), dict) else {}
    evidence = list(dict.fromkeys(" ".join(str(e).split()) for e in exp.get("evidence") or []))
    quoted: list[_Row] = []
    plain: list[str] = []
    for e in evidence:
        post = _whole_post(e, posts) if len(e) > 40 else None
        card = card_of_post.get(post.get("id")) if post else None
        if post and card:
            quoted.append({"text": str(post.get("text") or ""), "anchor": card["key"], "date": card["date"]})
        elif len(e) > 40:
            quoted.append({"text": e, "anchor": "", "date": ""})
        else:
            plain.append(e)
    choice = ""
    if concern == "affiliation-with-partisanship":
        shown = ", ".join(f"\u201c{m}\u201d" for m in marks) or "the UN affiliation"
        partisan = [c for p in posts if (c := card_of_post.get(p.get("id"))) and any(
            x["id"] == "partisan-politics" and x["certainty"] == "strong" for x in c["concerns"])]
        partisan = list({c["key"]: c for c in partisan}.values())  # a merged card counts once
        n = len(partisan) or len(quoted)
        these = "this partisan post" if n == 1 else f"these {n} partisan posts"
        choice = f"Either remove {shown} from this profile, or delete (or undo) {these}."
        if partisan:
            quoted = [{"text": c["text"], "anchor": c["key"], "date": c["date"]} for c in partisan]
    elif concern == "professional-email":
        addresses = ", ".join(e.split(": ", 1)[-1] for e in plain) or "the work address"
        choice = f"Replace {addresses} with a personal address in this account's login and profile."
        plain = []
    elif concern == "institutional-lookalike":
        names = ", ".join("\u201c" + e.split(": ", 1)[-1] + "\u201d" for e in plain) or "the account"
        choice = f"Rename {names} so it is clearly personal, and drop UN names and logos."
        plain = []
    elif concern == "un-affiliation" and marks:
        choice = "Shown by: " + ", ".join("\u201c" + m + "\u201d" for m in marks) + "."
        plain, quoted = [], []
    elif concern == "disclaimer-reliance" and plain:
        found = ", ".join("\u201c" + e + "\u201d" for e in plain)
        choice = f"Disclaimer found: {found}. Keep it if you like, but it does not change what the rules expect."
        plain = []
    return {
        "account": name,
        "platform_label": L.label(L.PLATFORMS, acc.get("platform")),
        "reason": str(exp.get("reason") or ""),
        "choice": choice,
        "evidence": plain,
        "posts": quoted,
    }

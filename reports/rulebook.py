"""The quoted rules, numbered once for the whole report, real rules before discussion questions.

A pack lists, per concern, passages from its source documents. Several concerns quote the
same passage (Staff Regulation 1.2(f) backs four of them), so the report prints each
passage once, numbered, and cards and later concerns refer to it by number. Passages are sorted into:

* ``rule``: Staff Regulations and Rules, ST/SGB bulletins, ST/AI instructions, the
  Standards of Conduct and the guidelines' own text;
* ``example``: a scenario from a training guide (what happened to someone);
* ``question``: a discussion question ("questions to ask yourself").

Sources are named by their titles, never by the file they were read from.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["KIND_LABELS", "build_rulebook", "rule_kind", "short_ref"]

KIND_LABELS = {"rule": "Rule", "example": "From a training scenario", "question": "Questions to ask yourself"}
_KIND_ORDER = {"rule": 0, "example": 1, "question": 2}
_FILE = re.compile(r"\b\d{3}_[0-9a-f]{8,}\.txt\b")


def rule_kind(quote: str, ref: str) -> str:
    """``rule``, ``example`` or ``question`` for one quoted passage."""
    if quote.rstrip().rstrip("\u201d\"'").endswith("?") or re.search(r"\bquestions?\b", ref, re.I):
        return "question"
    if re.search(r"\bscenario\b", ref, re.I):
        return "example"
    return "rule"


def short_ref(ref: str) -> str:
    """``Staff Regulation 1.2(f), as quoted in the UNSOM annex, section 1(b)`` -> ``Staff Regulation 1.2(f)``."""
    ref = _FILE.sub("", ref)
    ref = re.split(r",\s*as quoted in\b", ref, maxsplit=1)[0]
    return " ".join(ref.split()).strip(" ,;") or "Quoted passage"


def _source_title(source: str) -> str:
    """The document title without a trailing ``(quotes ...)`` list, and never a file name."""
    title = _FILE.sub("", source)
    title = re.sub(r"\s*\((?:quotes|quoting)\b[^)]*\)\s*$", "", title)
    return " ".join(title.split())


def build_rulebook(rules: dict[str, list[dict[str, str]]], concerns: list[tuple[str, str]]) -> dict[str, Any]:
    """Number every passage of the concerns found, once, in reading order.

    Args:
        rules: the pack's ``{concern: [{quote, ref, source}]}``.
        concerns: ``(concern id, label)`` in the order the report shows them.

    Returns:
        ``entries``: [{n, kind, kind_label, ref, quotes, source, anchor}] numbered from 1;
        ``by_concern``: {concern: [{"n", "ref", "kind"}]} rules first, then examples, then questions;
        ``sections``: [{id, label, entries, see}] for the rules section, where ``entries`` are
        printed under this concern and ``see`` (entries too) were printed under an earlier one.
    """
    entries: list[dict[str, Any]] = []
    index: dict[tuple[str, str], dict[str, Any]] = {}
    by_concern: dict[str, list[dict[str, Any]]] = {}
    sections = []
    for cid, label in concerns:
        passages = []
        for r in rules.get(cid, []):
            quote = " ".join(str(r.get("quote") or "").split())
            if not quote:
                continue
            ref = str(r.get("ref") or "")
            kind = rule_kind(quote, ref)
            passages.append((_KIND_ORDER[kind], kind, short_ref(ref), quote, _source_title(str(r.get("source") or ""))))
        passages.sort(key=lambda p: p[0])
        own: list[int] = []
        see: list[int] = []
        refs: list[dict[str, Any]] = []
        for _, kind, ref, quote, source in passages:
            key = (kind, ref, quote)  # each passage is printed once, wherever else it is cited
            entry = index.get(key)
            if entry is None:
                entry = {"n": len(entries) + 1, "kind": kind, "kind_label": KIND_LABELS[kind], "ref": ref,
                         "quotes": [], "source": source if source and source != ref else "",
                         "anchor": f"rule-{len(entries) + 1}"}
                entries.append(entry)
                index[key] = entry
            if quote not in entry["quotes"]:
                entry["quotes"].append(quote)
            target = own if entry["n"] not in see and (entry["n"] in own or not any(
                entry["n"] in s["entries"] for s in sections)) else see
            if entry["n"] not in target:
                target.append(entry["n"])
            if all(x["n"] != entry["n"] for x in refs):
                refs.append({"n": entry["n"], "ref": ref, "kind": kind, "anchor": entry["anchor"]})
        by_concern[cid] = refs
        if own or see:
            sections.append({"id": cid, "label": label, "entries": own, "see": see})
    for s in sections:
        s["entries"] = [entries[n - 1] for n in s["entries"]]
        s["see"] = [entries[n - 1] for n in s["see"]]
    return {"entries": entries, "by_concern": by_concern, "sections": sections}

"""Rule texts and concern titles, from the policy pack, for quoting next to each finding.

The analysis package owns the packs (``selfaudit.analysis.pack.load_pack``). The report only
needs, per concern, its title, what it is about, the quoted rule and its reference, plus the
pack's identity and ethics contact, so this adapter reduces a ``Pack`` to plain dicts. The
pack is the one source of concern titles: the report keeps no table of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PackInfo", "load_pack_info", "pack_info"]

# {"id", "title", "version", "ethics_contact", "rules": {concern: [{"quote", "ref", "source", "file"}]},
#  "advice": {concern: what to do}, "exemplar_lang": {example text: language},
#  "concerns": {concern: {"title", "about", "scope"}} in the pack's order}
PackInfo = dict[str, Any]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _first_sentence(text: str) -> str:
    """The description's first sentence: what the concern is about, in one line on a card."""
    return _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


def _empty(ref: str | None) -> PackInfo:
    return {"id": ref or "", "title": "", "version": "", "ethics_contact": "", "rules": {}, "concerns": {}}


def _source(sources: Any, source: str) -> Mapping[str, Any]:
    for s in sources or ():
        if isinstance(s, Mapping) and str(s.get("id", "")) == source:
            return s
    return {}


def pack_info(pack: Any) -> PackInfo:
    """Reduce a loaded ``selfaudit.analysis.pack.Pack`` to what the report shows (pure).

    Each rule keeps its quote, its reference (where in the document), and the
    document's title, so the reader can find the passage (the seed file is kept for
    tooling but never shown). Each concern's advice and each example's language let
    the report say what to do and show only examples the reader can read.
    """
    rules: dict[str, list[dict[str, str]]] = {}
    advice: dict[str, str] = {}
    exemplar_lang: dict[str, str] = {}
    concerns: dict[str, dict[str, str]] = {}
    for concern in getattr(pack, "concerns", ()):
        concerns[concern.id] = {"title": str(concern.short_title),
                                "about": _first_sentence(str(getattr(concern, "description", "") or "")),
                                "scope": str(getattr(concern, "scope", "post"))}
        if getattr(concern, "advice", ""):
            advice[concern.id] = " ".join(str(concern.advice).split())
        for lang, texts in (getattr(concern, "exemplars", None) or {}).items():
            for text in texts:
                exemplar_lang.setdefault(" ".join(str(text).split()), str(lang))
        for rule in getattr(concern, "rules", ()):
            src = _source(getattr(pack, "sources", ()), str(rule.source))
            rules.setdefault(concern.id, []).append({
                "quote": " ".join(str(rule.quote).split()),
                "ref": " ".join(str(rule.reference).split()),
                "source": str(src.get("title") or rule.source),
                "file": str(src.get("file") or ""),
            })
    return {
        "id": str(getattr(pack, "id", "")),
        "title": str(getattr(pack, "title", "")),
        "version": str(getattr(pack, "version", "")),
        "ethics_contact": str(getattr(pack, "ethics_contact", "")),
        "rules": rules,
        "advice": advice,
        "exemplar_lang": exemplar_lang,
        "concerns": concerns,
    }


def load_pack_info(ref: str | None = None) -> PackInfo:
    """Load the policy pack ``ref`` (an id or path; None = the default pack).

    Returns an empty pack description when no pack can be loaded: the report then
    says the rule text is unavailable instead of inventing one.
    """
    try:
        from selfaudit.analysis.pack import PackError, load_pack
    except ImportError:
        return _empty(ref)
    try:
        return pack_info(load_pack(ref))
    except PackError:
        return _empty(ref)

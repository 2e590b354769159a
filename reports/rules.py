"""Rule texts per concern, from the policy pack, for quoting next to each finding.

The analysis package owns the packs (``selfaudit.analysis.pack.load_pack``). The report only
needs, per concern, the quoted rule and its reference, plus the pack's identity and
ethics contact, so this adapter reduces a ``Pack`` to plain dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["PackInfo", "load_pack_info", "pack_info"]

# {"id", "title", "version", "ethics_contact", "rules": {concern: [{"quote", "ref", "source", "file"}]},
#  "advice": {concern: what to do}, "exemplar_lang": {example text: language}}
PackInfo = dict[str, Any]


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
    for concern in getattr(pack, "concerns", ()):
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
    }


def load_pack_info(ref: str | None = None) -> PackInfo:
    """Load the policy pack ``ref`` (an id or path; None = the default pack).

    Returns an empty pack description when no pack can be loaded: the report then
    says the rule text is unavailable instead of inventing one.
    """
    try:
        from selfaudit.analysis.pack import PackError, load_pack
    except ImportError:
        return {"id": ref or "", "title": "", "version": "", "ethics_contact": "", "rules": {}}
    try:
        return pack_info(load_pack(ref))
    except PackError:
        return {"id": ref or "", "title": "", "version": "", "ethics_contact": "", "rules": {}}

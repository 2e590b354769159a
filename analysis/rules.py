"""Lexicon and pattern rules: the words that trigger a concern, in any language.

Plain lexicon terms match case-insensitively as whole words in scripts that
separate words with spaces; in Chinese and Arabic (where particles and prefixes
attach to words) they match as substrings. Terms prefixed ``re:`` are regexes.
All matching is pure and offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Lexicon", "compile_lexicon", "prepare", "infer_kind", "strip_endorsement_prefix"]


def _wordish(ch: str) -> bool:
    """True where word boundaries are meaningful (Latin, Greek, Cyrillic letters and digits)."""
    return (ch.isalnum() or ch == "_") and ord(ch) < 0x0590


def _term_pattern(term: str) -> str:
    if term.startswith("re:"):
        return term[3:]
    body = re.escape(term.strip())
    body = body.replace(r"\ ", r"[\s_-]*")
    left = r"(?<![\w#@])" if _wordish(term.strip()[0]) else ""
    right = r"(?!\w)" if _wordish(term.strip()[-1]) else ""
    return f"{left}{body}{right}"


_WORD = re.compile(r"\w+")


_SCRIPTS = (("cjk", re.compile(r"[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")),
            ("arabic", re.compile(r"[\u0590-\u08ff\ufb1d-\ufeff]")))


def _script(ch: str) -> str:
    return next((name for name, pattern in _SCRIPTS if pattern.match(ch)), "other")


def prepare(text: str) -> tuple[str, frozenset[str]]:
    """Lowercased text and its words plus script tags: computed once, shared by every lexicon."""
    lowered = text.lower()
    scripts = {f"\x00{name}" for name, pattern in _SCRIPTS if pattern.search(lowered)}
    return lowered, frozenset(_WORD.findall(lowered)) | scripts | {"\x00other"}


@dataclass(frozen=True)
class Lexicon:
    """Compiled terms of one concern.

    A plain term's own regex runs only when its first word is among the text's
    words (Latin, Cyrillic...) or, in scripts without spaces, when its first word
    is a substring of the text. So a text costs a few set look-ups, not one
    huge alternation: rules stay far below the embedding cost (bench/bench_analysis.py).
    """

    terms: tuple[str, ...]
    by_word: Mapping[str, tuple[re.Pattern[str], ...]]
    by_substring: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]]
    regex: re.Pattern[str] | None

    def find(self, text: str, *, limit: int = 5, prepared: tuple[str, frozenset[str]] | None = None) -> list[str]:
        """Distinct matched words, in order of appearance, at most ``limit``."""
        lowered, words = prepared or prepare(text)
        candidates = [p for w in words & self.by_word.keys() for p in self.by_word[w]]
        for script in words & self.by_substring.keys():
            candidates += [p for key, p in self.by_substring[script] if key in lowered]
        hits: list[tuple[int, str]] = []
        for pattern in candidates:
            m = pattern.search(text)
            if m:
                hits.append((m.start(), m.group(0)))
        if self.regex is not None:
            hits.extend((m.start(), m.group(0)) for m in self.regex.finditer(text))
        seen: dict[str, str] = {}
        for _, word in sorted(hits):
            word = word.strip()
            if word and word.lower() not in seen:
                seen[word.lower()] = word
                if len(seen) >= limit:
                    break
        return list(seen.values())

    def count(self, text: str, *, cap: int = 2, prepared: tuple[str, frozenset[str]] | None = None) -> int:
        """How many distinct words matched, counting no further than ``cap``."""
        return len(self.find(text, limit=cap, prepared=prepared))


def compile_lexicon(terms: Iterable[str]) -> Lexicon:
    """Compile lexicon terms (plain words or ``re:`` regexes) for fast matching."""
    unique = tuple(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
    by_word: dict[str, list[re.Pattern[str]]] = {}
    by_substring: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for term in unique:
        if term.startswith("re:"):
            continue
        pattern = re.compile(_term_pattern(term), re.IGNORECASE)
        first = _WORD.match(term.lower())
        if first and _wordish(term[0]) and all(_wordish(ch) for ch in first.group(0)):
            by_word.setdefault(first.group(0), []).append(pattern)
        else:
            key = term.lower().split()[0]
            by_substring.setdefault(f"\x00{_script(key[0])}", []).append((key, pattern))
    regexes = [t for t in unique if t.startswith("re:")]
    combined = re.compile("|".join(f"(?:{t[3:]})" for t in regexes), re.IGNORECASE) if regexes else None
    return Lexicon(unique, {k: tuple(v) for k, v in by_word.items()}, {k: tuple(v) for k, v in by_substring.items()},
                   combined)


_PREFIXES: Sequence[tuple[str, re.Pattern[str]]] = (
    ("like", re.compile(r"^\s*(liked|a aimé|me gusta|le gustó|понравилось|赞了|أعجب)\b[^:]{0,80}:\s*", re.IGNORECASE)),
    ("repost", re.compile(r"^\s*(RT\s+@\S+|reposted\b[^:]{0,80}|boosted\b[^:]{0,80}|shared a post\b[^:]{0,80}|retweeted\b[^:]{0,80}|republié\b[^:]{0,80}|compartido\b[^:]{0,80}|репост\b[^:]{0,80}|转发[^:：]{0,80})[:：]\s*", re.IGNORECASE)),
)
_QUOTE = re.compile(r"\b(QT\s+@\S+|quoting\b|citant\b|citando\b|цитирую)", re.IGNORECASE)


def infer_kind(text: str, kind: str | None = None) -> str:
    """The post kind: the given one, else guessed from an ``RT @``/``Liked``/``QT`` prefix."""
    if kind:
        return kind
    for name, pattern in _PREFIXES:
        if pattern.match(text):
            return name
    return "quote" if _QUOTE.search(text) else "original"


def strip_endorsement_prefix(text: str) -> str:
    """The endorsed text of a repost or like (``RT @x: ...`` -> ``...``); others unchanged."""
    for _, pattern in _PREFIXES:
        m = pattern.match(text)
        if m:
            return text[m.end() :]
    return text


_URL = re.compile(r"https?://(?:www\.)?([^/\s]+)\S*")
_TAG = re.compile(r"([#@])([\w.]+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])")


def _split_tag(m: re.Match[str]) -> str:
    body = m.group(2).split("@")[0]
    body = re.sub(r"\.(bsky\.social|social|com|org|net|example)$", "", body)
    words = _CAMEL.sub(" ", body.replace("_", " ").replace(".", " "))
    return f"{m.group(1)}{words}" if m.group(1) == "#" else words


# The handles a reply opens with only address it, and ``@USER`` is the placeholder that anonymised
# datasets and pasted threads put for any handle: neither says what the post does. Left in, they
# became a cue of their own (most replies in the training corpus that opened with @USER were insults,
# so "@USER thank you" scored as offensive), hence they are dropped before the embedder and the
# character n-grams see the text. Rules and stance cues still read the post as written.
_LEADING_MENTIONS = re.compile(r"^(?:[@＠][\w.-]+(?:@[\w.-]+)?[:,]?\s+)+")
_PLACEHOLDER = re.compile(r"(?<![\w@])[@＠]user\b\s?", re.IGNORECASE)


def embedding_text(text: str) -> str:
    """The text as the embedder sees it: endorsement prefixes, the handles a reply opens
    with and ``@USER`` placeholders dropped, URLs cut to their host, and hashtags/handles
    split into words (``#VoteBlue`` -> ``#Vote Blue``)."""
    body = strip_endorsement_prefix(text)
    body = _PLACEHOLDER.sub("", _LEADING_MENTIONS.sub("", body.lstrip()))
    body = _URL.sub(lambda m: m.group(1), body)
    return _TAG.sub(_split_tag, body).strip() or text

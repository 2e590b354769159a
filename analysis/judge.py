"""Post judgements: embedding heads combined with lexicon rules, with explanations.

``PostJudge.judge`` is the one entry point the pipeline, ``check`` and
``classify`` share. It returns, per text, the concerns whose calibrated score
reaches 0.5, each with the words that triggered it and the nearest exemplar.
Severity and remedy are applied afterwards (they need timing and the account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from selfaudit.analysis.embedders import Embedder
from selfaudit.analysis.heads import Heads, extra_features
from selfaudit.analysis.pack import Concern, Pack
from selfaudit.analysis.rules import compile_lexicon, embedding_text, strip_endorsement_prefix
from selfaudit.analysis.stance import CUE_CONCERNS, CUE_FLOOR, CUE_WORDS, CUES, FLOOR_CUES, cues_in

__all__ = ["FLAG_AT", "Judgement", "PostJudge", "build_judge", "guess_lang", "make_judge"]

FLAG_AT = 0.5
_SCRIPT_LANGS = (("zh", re.compile(r"[\u4e00-\u9fff]")), ("ar", re.compile(r"[\u0600-\u06ff]")),
                 ("ru", re.compile(r"[\u0400-\u04ff]")))
_LATIN_WORDS = {
    "fr": frozenset("le la les des une est et pour pas que qui dans sur avec je nous vous ce mon ma au aux".split()),
    "es": frozenset("el la los las una es y para que en con por del mi mis muy pero como yo nosotros hoy".split()),
    "en": frozenset("the a an is and for to of in on with my i we you this that it at be are was".split()),
}


def guess_lang(text: str) -> str:
    """A rough language guess (script, then common words), only to pick a readable example."""
    for lang, pattern in _SCRIPT_LANGS:
        if len(pattern.findall(text)) >= 2:
            return lang
    words = re.findall(r"[a-záéíóúñàâçèêëîïôûüœ]+", text.lower())
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _LATIN_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > counts["en"] else "en"


_KIND_WORDS = {"like": "liked post", "repost": "repost", "quote": "quote", "reply": "reply", "page": "page"}


@dataclass(frozen=True)
class Judgement:
    """One concern found in one text."""

    concern: str
    score: float
    triggers: tuple[str, ...] = ()
    exemplar: str = ""
    reason: str = ""
    evidence: tuple[str, ...] = field(default_factory=tuple)


def _reason(concern: Concern, triggers: tuple[str, ...], kind: str | None, exemplar: str = "",
            stance: tuple[tuple[str, str], ...] = ()) -> str:
    """One plain sentence: what the post does (stance cues) and the words that triggered it,
    else the nearest example it resembles."""
    what = _KIND_WORDS.get(kind or "", "post")
    title = concern.short_title
    title = title.lower()[:1] + title[1:]
    if stance:
        does = "; ".join(f"{CUE_WORDS[name]} (“{words}”)" for name, words in stance[:2])
        extra = [t for t in triggers if not any(t.lower() in w.lower() for _, w in stance)]
        also = f"; it mentions {', '.join(f'“{t}”' for t in extra[:2])}" if extra else ""
        return f"This {what} looks like {title}: {does}{also}."
    if triggers:
        words = ", ".join(f"“{t}”" for t in triggers[:3])
        return f"This {what} looks like {title}: it mentions {words}."
    example = " ".join(exemplar.split())
    if example:
        example = example if len(example) <= 90 else example[:87].rstrip() + "…"
        return f"This {what} is close in meaning to known examples of {title}, such as “{example}”."
    return f"This {what} is close in meaning to known examples of {title}."


class PostJudge:
    """Scores texts against the post concerns of a pack, with heads made beforehand
    (:func:`make_judge` loads or fits them; constructing a judge fits nothing and writes nothing)."""

    def __init__(self, pack: Pack, embedder: Embedder, *, heads: Heads) -> None:
        self.pack = pack
        self.embedder = embedder
        self.concerns = pack.post_concerns
        self.heads = heads
        if self.heads.concern_ids != tuple(c.id for c in self.concerns):
            raise ValueError("heads were fitted for another set of concerns")
        self.lexicons = [compile_lexicon(c.all_terms()) for c in self.concerns]
        self._by_lang: dict[tuple[int, str], np.ndarray] = {}
        index = {c.id: j for j, c in enumerate(self.concerns)}
        # (cue column, concern index) for the cues that alone make a finding worth a look.
        self._floors = [(CUES.index(name), index[c]) for name in FLOOR_CUES for c in CUE_CONCERNS[name] if c in index]
        self.co_labels = [(index[r["when"]], index[r["add"]], compile_lexicon(r["if_any"]), str(r.get("reason") or ""))
                          for r in pack.co_labels if r["when"] in index and r["add"] in index]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts as the heads expect them (normalised for the embedder)."""
        return self.embedder.encode([embedding_text(t) for t in texts])

    def scores(self, texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Calibrated scores, shape (len(texts), post concerns)."""
        return self._scores(texts, vectors)[0]

    def _scores(self, texts: list[str], vectors: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not texts:
            n = len(self.concerns)
            return np.zeros((0, n), dtype=np.float32), np.zeros((0, n), dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        if vectors is None:
            vectors = self.embed(texts)
        extra = extra_features(texts, self.lexicons)
        raw, nearest = self.heads.raw_scores(vectors, extra, texts)
        calibrated = self.heads.calibrate(raw, self._raise(texts))
        for cue_col, j in self._floors:
            hit = extra[:, cue_col - len(CUES)] > 0
            calibrated[hit, j] = np.maximum(calibrated[hit, j], CUE_FLOOR)
        return calibrated, nearest, vectors

    def _raise(self, texts: list[str]) -> np.ndarray | None:
        """Threshold raises (texts, concerns): the language's (shipped heads) and, for an impersonal
        timetable, SCHEDULE_RAISE on SCHEDULE_CONCERNS; None when nothing rises."""
        from selfaudit.analysis.stance import SCHEDULE_CONCERNS, SCHEDULE_RAISE, impersonal_schedule

        lift = np.zeros((len(texts), len(self.concerns)))
        by_lang = self.heads.raise_for([guess_lang(t) for t in texts]) if self.heads.lang_codes else None
        if by_lang is not None:
            lift += by_lang[:, None]
        cols = [j for j, c in enumerate(self.concerns) if c.id in SCHEDULE_CONCERNS]
        if cols:
            rows = [i for i, t in enumerate(texts) if impersonal_schedule(t)]
            lift[np.ix_(rows, cols)] += SCHEDULE_RAISE
        return lift if lift.any() else None

    def _exemplar(self, vector: np.ndarray, j: int, lang: str, fallback: int) -> str:
        """The closest exemplar of concern ``j`` written in the post's language or in English."""
        langs = self.heads.train_langs
        if not langs:
            return self.heads.train_texts[fallback]
        if langs[fallback] in (lang, "en"):
            return self.heads.train_texts[fallback]
        idx = self._by_lang.get((j, lang))
        if idx is None:
            idx = np.flatnonzero((self.heads.train_pos[:, j] == 1) & np.isin(np.asarray(langs), [lang, "en"]))
            self._by_lang[(j, lang)] = idx
        if not len(idx):
            return self.heads.train_texts[fallback]
        return self.heads.train_texts[int(idx[np.argmax(self.heads.train_vectors[idx] @ vector)])]

    def judge(
        self,
        texts: list[str],
        *,
        kinds: list[str | None] | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[list[Judgement]]:
        """Flagged concerns per text, best first.

        Args:
            texts: post texts (reposts/likes may keep their ``RT @x:`` prefix).
            kinds: post kinds, only used in the reason sentence.
            vectors: precomputed embeddings of ``texts`` (as :meth:`embed` makes them).
        """
        scores, nearest, vectors = self._scores(texts, vectors)
        out: list[list[Judgement]] = []
        for i, text in enumerate(texts):
            co_reasons = self._co_label(text, scores[i])
            found: list[Judgement] = []
            body = strip_endorsement_prefix(text)
            cues: dict[str, str] | None = None
            for j in np.argsort(-scores[i]):
                score = float(scores[i, j])
                if score < FLAG_AT:
                    break
                concern = self.concerns[j]
                if cues is None:
                    cues = cues_in(body)
                stance = tuple((name, words) for name, words in cues.items() if concern.id in CUE_CONCERNS[name])
                triggers = tuple(self.lexicons[j].find(body))
                triggers = triggers or co_reasons.get(int(j), ("", ()))[1]
                kind = kinds[i] if kinds else None
                exemplar = self._exemplar(vectors[i], int(j), guess_lang(body), int(nearest[i, j]))
                found.append(
                    Judgement(
                        concern=concern.id,
                        score=round(score, 3),
                        triggers=tuple(dict.fromkeys([*(w for _, w in stance), *triggers]))[:5],
                        exemplar=exemplar,
                        reason=co_reasons.get(int(j), ("", ()))[0] or _reason(concern, triggers, kind, exemplar, stance),
                    )
                )
            out.append(found)
        return out

    def _co_label(self, text: str, row: np.ndarray) -> dict[int, tuple[str, tuple[str, ...]]]:
        """Apply the pack's co-label rules in place; returns {concern index: (reason, triggers)} they added."""
        added: dict[int, tuple[str, tuple[str, ...]]] = {}
        for when, add, lexicon, reason in self.co_labels:
            if row[when] >= FLAG_AT and row[add] < FLAG_AT:
                words = lexicon.find(text)
                if words:
                    row[add] = max(float(row[add]), min(float(row[when]), 0.75))
                    added[add] = (reason, tuple(words))
        return added


def make_judge(pack: Pack, embedder: Embedder, *, cache_dir: Path | None = None) -> PostJudge:
    """A judge with the shipped heads, or heads fitted from the pack (read from or saved to the disk cache).

    Args:
        pack: the policy pack.
        embedder: the embedding model (wrap it in ``CachedEmbedder`` to reuse stored embeddings).
        cache_dir: folder for fitted heads (default: the user cache folder).
    """
    from selfaudit.analysis.heads_cache import load_or_fit

    return PostJudge(pack, embedder, heads=load_or_fit(pack, embedder, cache_dir=cache_dir))


def build_judge(pack_ref: str | None, embedder_spec: str | None) -> PostJudge:
    """Load the pack, build the embedder and the (cached) heads."""
    from selfaudit.analysis.embedders import make_embedder
    from selfaudit.analysis.pack import load_pack

    return make_judge(load_pack(pack_ref), make_embedder(embedder_spec))

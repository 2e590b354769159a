"""Post judgements: embedding heads combined with lexicon rules, with explanations.

``PostJudge.judge`` is the one entry point the pipeline, ``check`` and
``classify`` share. It returns, per text, the concerns whose calibrated score
reaches 0.5, each with the words that triggered it and the nearest exemplar.
Severity and remedy are applied afterwards (they need timing and the account).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from analysis.embedders import Embedder
from analysis.heads import Heads, extra_features, load_or_fit
from analysis.pack import Concern, Pack
from analysis.rules import compile_lexicon, embedding_text, strip_endorsement_prefix

__all__ = ["FLAG_AT", "Judgement", "PostJudge"]

FLAG_AT = 0.5
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


def _reason(concern: Concern, triggers: tuple[str, ...], kind: str | None, exemplar: str = "") -> str:
    """One plain sentence: the words that triggered it, else the nearest example it resembles."""
    what = _KIND_WORDS.get(kind or "", "post")
    title = concern.title.split(":")[0].rstrip(".")
    title = title.lower()[:1] + title[1:]
    if triggers:
        words = ", ".join(f"“{t}”" for t in triggers[:3])
        return f"This {what} looks like {title}: it mentions {words}."
    example = " ".join(exemplar.split())
    if example:
        example = example if len(example) <= 90 else example[:87].rstrip() + "…"
        return f"This {what} is close in meaning to known examples of {title}, such as “{example}”."
    return f"This {what} is close in meaning to known examples of {title}."


class PostJudge:
    """Scores texts against the post concerns of a pack."""

    def __init__(self, pack: Pack, embedder: Embedder, *, heads: Heads | None = None, cache_dir: Path | None = None) -> None:
        self.pack = pack
        self.embedder = embedder
        self.concerns = pack.post_concerns
        self.heads = heads or load_or_fit(pack, embedder, cache_dir=cache_dir)
        if self.heads.concern_ids != tuple(c.id for c in self.concerns):
            raise ValueError("heads were fitted for another set of concerns")
        self.lexicons = [compile_lexicon(c.all_terms()) for c in self.concerns]
        index = {c.id: j for j, c in enumerate(self.concerns)}
        self.co_labels = [(index[r["when"]], index[r["add"]], compile_lexicon(r["if_any"]), str(r.get("reason") or ""))
                          for r in pack.co_labels if r["when"] in index and r["add"] in index]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts as the heads expect them (normalised for the embedder)."""
        return self.embedder.encode([embedding_text(t) for t in texts])

    def scores(self, texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Calibrated scores, shape (len(texts), post concerns)."""
        return self._scores(texts, vectors)[0]

    def _scores(self, texts: list[str], vectors: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        if not texts:
            return np.zeros((0, len(self.concerns)), dtype=np.float32), np.zeros((0, len(self.concerns)), dtype=np.int64)
        if vectors is None:
            vectors = self.embed(texts)
        raw, nearest = self.heads.raw_scores(vectors, extra_features(texts, self.lexicons))
        return self.heads.calibrate(raw), nearest

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
        scores, nearest = self._scores(texts, vectors)
        out: list[list[Judgement]] = []
        for i, text in enumerate(texts):
            co_reasons = self._co_label(text, scores[i])
            found: list[Judgement] = []
            for j in np.argsort(-scores[i]):
                score = float(scores[i, j])
                if score < FLAG_AT:
                    break
                concern = self.concerns[j]
                triggers = tuple(self.lexicons[j].find(strip_endorsement_prefix(text)))
                triggers = triggers or co_reasons.get(int(j), ("", ()))[1]
                kind = kinds[i] if kinds else None
                found.append(
                    Judgement(
                        concern=concern.id,
                        score=round(score, 3),
                        triggers=triggers,
                        exemplar=self.heads.train_texts[int(nearest[i, j])],
                        reason=co_reasons.get(int(j), ("", ()))[0]
                        or _reason(concern, triggers, kind, self.heads.train_texts[int(nearest[i, j])]),
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

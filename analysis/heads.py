"""Classifier heads: per post concern, a logistic regression and a nearest-neighbour vote.

The heads learn only from the pack (exemplars are positives; the concern's hard
negatives, the pack's clean texts and the other concerns' exemplars are
negatives), so evaluation on real posts is honest.

For each concern the score is the mean of two probabilities:

* a logistic regression on the sentence embedding plus one lexicon-hit feature
  per concern (the rules' words, in all six languages), class-balanced;
* a nearest-neighbour vote: the mean cosine of the 3 closest exemplars minus the
  mean cosine of the 3 closest negatives, through a logistic of slope 10.

The regression generalises from many weak cues; the neighbour vote sharpens the
boundary against the pack's hard negatives. Measured on the dev set (see
analysis/MEASUREMENTS.md), the pair beats either alone, mostly in precision.
Decision thresholds are fixed, not fitted to any data: 0.5 for the pack's
``recall_first`` concerns (a miss costs more than a false alarm), 0.65 for
the rest. Scores are then mapped so that each threshold sits at 0.5, monotone in
the raw score, so 0.5 is the single cut-off everywhere.
Fitted heads are cached on disk (``selfaudit.analysis.heads_cache``), keyed by pack digest, embedder and settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from selfaudit.analysis.embedders import Embedder
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.rules import Lexicon, compile_lexicon, embedding_text, prepare

__all__ = ["HEADS_VERSION", "Heads", "extra_features", "fit_arrays", "fit_heads", "lexicon_features", "load_shipped",
           "score_arrays"]

HEADS_VERSION = "11"
LEX_WEIGHT = 0.5
STANCE_WEIGHT = 0.5
REG_C = 4.0
KNN_K = 3
KNN_SLOPE = 10.0
THRESHOLD = 0.65
THRESHOLD_RECALL_FIRST = 0.5
_SHORTLIST = 32  # texts per post searched first for each concern's k nearest negatives


def negative_means(sims: np.ndarray, top: np.ndarray, top_sims: np.ndarray, negative: np.ndarray, k: int) -> np.ndarray:
    """Per row of ``sims`` (posts x training texts), the mean similarity of its ``k`` most similar negatives.

    ``top``/``top_sims``: each row's shortlist of training texts, most similar first. A row with fewer than
    ``k`` negatives on its shortlist is answered from all the negatives instead.
    """
    is_neg = negative[top]
    take = is_neg & (np.cumsum(is_neg, axis=1) <= k)
    best = np.where(take, top_sims, -np.inf)
    short = np.flatnonzero(take.sum(axis=1) < k)
    if len(short):
        neg_idx = np.flatnonzero(negative)
        k_neg = min(k, len(neg_idx))
        wide = np.full((len(short), best.shape[1]), -np.inf, dtype=best.dtype)
        if k_neg:
            sn = sims[np.ix_(short, neg_idx)]
            wide[:, :k_neg] = -np.sort(-np.partition(sn, sn.shape[1] - k_neg, axis=1)[:, -k_neg:], axis=1)
        best[short] = wide
    return _mean_of_best(best, k)


def _mean_of_best(values: np.ndarray, k: int) -> np.ndarray:
    """Per row, the mean of its k largest finite values (fewer when it has fewer; 0 when none), summed
    in descending order so that every path gives the same bits."""
    best = -np.sort(-values, axis=1)[:, :k]
    finite = np.isfinite(best)
    total = np.zeros(len(values), dtype=values.dtype)
    for c in range(best.shape[1]):
        total = total + np.where(finite[:, c], best[:, c], 0)
    return total / np.maximum(finite.sum(axis=1), 1)


@dataclass(frozen=True, eq=False)
class Heads:
    """Fitted heads for one pack and embedder."""

    concern_ids: tuple[str, ...]
    coef: np.ndarray  # (concerns, features)
    intercept: np.ndarray  # (concerns,)
    thresholds: np.ndarray  # (concerns,)
    train_vectors: np.ndarray  # (texts, dim): every pack text, embedded
    train_pos: np.ndarray  # (texts, concerns): 1 where the text is an exemplar of the concern
    train_texts: tuple[str, ...]
    strong_thresholds: np.ndarray | None = None  # (concerns,): raw score of a strong match; None: flag + 0.2 * rest
    train_langs: tuple[str, ...] = ()
    knn_weight: float = 0.5
    model_id: str = "pack"  # what the heads were trained from, for the pipeline's re-judge signature
    char_coef: np.ndarray | None = None  # (concerns, CHAR_FEATURES): regression on hashed character n-grams
    char_intercept: np.ndarray | None = None
    char_weight: float = 0.0
    lang_codes: tuple[str, ...] = ()  # languages with a threshold raise (guess_lang codes)
    lang_raise: np.ndarray | None = None  # (len(lang_codes),): added to every threshold for posts in that language

    def raise_for(self, langs: list[str]) -> np.ndarray | None:
        """Per text, the raise of its language's thresholds (None when the heads have none)."""
        if self.lang_raise is None or not self.lang_codes:
            return None
        index = {lang: k for k, lang in enumerate(self.lang_codes)}
        return np.asarray([float(self.lang_raise[index[lang]]) if lang in index else 0.0 for lang in langs])

    def raw_scores(self, vectors: np.ndarray, extra: np.ndarray, texts: list[str] | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Uncalibrated scores (texts, concerns) and the index of each text's nearest exemplar per concern.

        ``extra`` holds the rule features of the texts (:func:`extra_features`); ``texts`` feed the
        character n-gram head, when the heads have one.
        """
        raw, nearest = self._embedding_scores(vectors, extra)
        if self.char_weight > 0 and self.char_coef is not None and self.char_intercept is not None and texts is not None:
            raw = (1.0 - self.char_weight) * raw + self.char_weight * char_scores(self.char_coef, self.char_intercept, texts)
        return raw, nearest

    def _embedding_scores(self, vectors: np.ndarray, extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        z = np.hstack([vectors, extra]) @ self.coef.T + self.intercept
        p_lr = 1.0 / (1.0 + np.exp(-z))
        if self.knn_weight <= 0:
            return p_lr, self._nearest(vectors)
        sims = vectors @ self.train_vectors.T
        # The k best negatives of a concern are nearly always among the 32 best texts overall: one small partial
        # sort serves every concern, and the rare rows where it does not (a post among many positives) are
        # answered from all of that concern's negatives. Either way the mean of the same k values.
        top = np.argpartition(-sims, min(_SHORTLIST, sims.shape[1]) - 1, axis=1)[:, :_SHORTLIST]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        top, top_sims = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_sims, order, axis=1)
        p_knn = np.zeros_like(p_lr)
        nearest = np.zeros(p_lr.shape, dtype=np.int64)
        for j in range(len(self.concern_ids)):
            pos_idx = np.flatnonzero(self.train_pos[:, j] == 1)
            sp = sims[:, pos_idx]
            k_pos = min(KNN_K, len(pos_idx))
            top_pos = np.partition(sp, sp.shape[1] - k_pos, axis=1)[:, -k_pos:].mean(axis=1)
            top_neg = negative_means(sims, top, top_sims, self.train_pos[:, j] == 0, KNN_K)
            p_knn[:, j] = 1.0 / (1.0 + np.exp(-KNN_SLOPE * (top_pos - top_neg)))
            nearest[:, j] = pos_idx[np.argmax(sp, axis=1)]
        return (1.0 - self.knn_weight) * p_lr + self.knn_weight * p_knn, nearest

    def _nearest(self, vectors: np.ndarray) -> np.ndarray:
        """Index of each text's most similar exemplar, per concern."""
        sims = vectors @ self.train_vectors.T
        nearest = np.zeros((len(vectors), len(self.concern_ids)), dtype=np.int64)
        for j in range(len(self.concern_ids)):
            pos_idx = np.flatnonzero(self.train_pos[:, j] == 1)
            nearest[:, j] = pos_idx[np.argmax(sims[:, pos_idx], axis=1)]
        return nearest

    def calibrate(self, raw: np.ndarray, raise_by: np.ndarray | None = None) -> np.ndarray:
        """Map raw scores so each concern's flag threshold becomes 0.5 (FLAG_AT) and its
        strong threshold 0.6 (STRONG_AT), piecewise linear and monotone.

        ``raise_by`` (per text, from :meth:`raise_for`, or per text and concern) lifts both thresholds,
        so that each language keeps within the clean-post flag bound it was trained to.
        """
        t = self.thresholds[None, :].astype(np.float64)
        s = (self.strong_thresholds[None, :].astype(np.float64) if self.strong_thresholds is not None
             else t + 0.2 * (1.0 - t))
        if raise_by is not None:
            lift = np.asarray(raise_by, dtype=np.float64)
            lift = lift if lift.ndim == 2 else lift[:, None]
            t, s = np.minimum(t + lift, 0.98), np.minimum(s + lift, 0.99)
        low = 0.5 * raw / t
        mid = 0.5 + 0.1 * (raw - t) / np.maximum(s - t, 1e-9)
        high = 0.6 + 0.4 * (raw - s) / np.maximum(1.0 - s, 1e-9)
        return np.clip(np.where(raw < t, low, np.where(raw < s, mid, high)), 0.0, 1.0)


def lexicon_features(texts: list[str], lexicons: list[Lexicon]) -> np.ndarray:
    """Per concern: 0, 0.5 or 1 for no, one, or two-plus distinct lexicon hits."""
    out = np.zeros((len(texts), len(lexicons)), dtype=np.float32)
    for i, text in enumerate(texts):
        prepared = prepare(text)
        for j, lex in enumerate(lexicons):
            out[i, j] = lex.count(text, prepared=prepared) / 2.0
    return out


def _training_set(pack: Pack) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Unique texts, positive labels (n, C), and hard-negative mask (n, C)."""
    concerns = pack.post_concerns
    index: dict[str, int] = {}
    texts: list[str] = []

    def add(text: str) -> int:
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return index[text]

    pos: list[tuple[int, int]] = []
    hard: list[tuple[int, int]] = []
    for j, c in enumerate(concerns):
        pos += [(add(t), j) for t in c.all_exemplars()]
        hard += [(add(t), j) for t in c.all_negatives()]
    for t in pack.all_clean():
        add(t)
    y = np.zeros((len(texts), len(concerns)), dtype=np.int8)
    h = np.zeros_like(y)
    for i, j in pos:
        y[i, j] = 1
    for i, j in hard:
        h[i, j] = 1
    return texts, y, h


CHAR_FEATURES = 2**16


def char_features(texts: list[str]) -> Any:
    """Hashed character 2-4-grams within word boundaries (sparse, L2-normalised): spelling-level cues
    such as insults and slang in any script, which sentence embeddings blur."""
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=CHAR_FEATURES,
                                   alternate_sign=False, norm="l2", lowercase=True)
    return vectorizer.transform([embedding_text(t) for t in texts])


def char_scores(coef: np.ndarray, intercept: np.ndarray, texts: list[str]) -> np.ndarray:
    """Probabilities of the character n-gram regressions, (texts, concerns)."""
    z = np.asarray(char_features(texts) @ coef.T) + intercept
    return 1.0 / (1.0 + np.exp(-z))


def fit_char(texts: list[str], y: np.ndarray, c: float = REG_C) -> tuple[np.ndarray, np.ndarray]:
    """One class-balanced regression per concern on character n-grams."""
    from sklearn.linear_model import LogisticRegression

    x = char_features(texts)
    coefs, intercepts = [], []
    for j in range(y.shape[1]):
        yj = y[:, j]
        n_pos = max(int(yj.sum()), 1)
        n_neg = max(len(yj) - n_pos, 1)
        weights = np.where(yj == 1, len(yj) / (2 * n_pos), len(yj) / (2 * n_neg))
        model = LogisticRegression(C=c, max_iter=3000).fit(x, yj, sample_weight=weights)
        coefs.append(model.coef_[0].astype(np.float32))
        intercepts.append(float(model.intercept_[0]))
    return np.vstack(coefs), np.asarray(intercepts, dtype=np.float32)


def extra_features(texts: list[str], lexicons: list[Lexicon]) -> np.ndarray:
    """The rule features the regressions see beside the embedding: lexicon hits and stance cues."""
    from selfaudit.analysis.stance import stance_features

    return np.hstack([LEX_WEIGHT * lexicon_features(texts, lexicons), STANCE_WEIGHT * stance_features(texts)])


def _fit_one(x: np.ndarray, y: np.ndarray, c: float = REG_C) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    n_pos = max(int(y.sum()), 1)
    n_neg = max(len(y) - n_pos, 1)
    weights = np.where(y == 1, len(y) / (2 * n_pos), len(y) / (2 * n_neg))
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y, sample_weight=weights)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def fit_arrays(vectors: np.ndarray, texts: list[str], y: np.ndarray, lexicons: list[Lexicon], *,
               c: float = REG_C) -> dict[str, np.ndarray]:
    """One regression per concern (column of ``y``) on embeddings plus rule features."""
    x = np.hstack([vectors, extra_features(texts, lexicons)])
    fitted = [_fit_one(x, y[:, j], c) for j in range(y.shape[1])]
    return {"coef": np.vstack([w for w, _ in fitted]), "intercept": np.asarray([b for _, b in fitted], dtype=np.float32),
            "train_vectors": vectors.astype(np.float32), "train_pos": y.astype(np.int8)}


def score_arrays(arrays: dict[str, np.ndarray], vectors: np.ndarray, texts: list[str], lexicons: list[Lexicon], *,
                 knn_weight: float = 0.5) -> np.ndarray:
    """Raw scores of texts under fitted arrays (used for out-of-fold calibration)."""
    n = arrays["coef"].shape[0]
    heads = Heads(concern_ids=tuple(str(i) for i in range(n)), thresholds=np.full(n, 0.5, dtype=np.float32),
                  train_texts=(), knn_weight=knn_weight, **arrays)
    return heads.raw_scores(vectors, extra_features(texts, lexicons))[0]


def fit_heads(pack: Pack, embedder: Embedder) -> Heads:
    """Fit one head per post concern from the pack alone (packs without a shipped model)."""
    concerns = pack.post_concerns
    texts, y, _ = _training_set(pack)
    vectors = embedder.encode([embedding_text(t) for t in texts]).astype(np.float32)
    lexicons = [compile_lexicon(c.all_terms()) for c in concerns]
    recall_first = set(pack.recall_first)
    return Heads(
        concern_ids=tuple(c.id for c in concerns),
        thresholds=np.asarray([THRESHOLD_RECALL_FIRST if c.id in recall_first else THRESHOLD for c in concerns],
                              dtype=np.float32),
        train_texts=tuple(texts),
        **fit_arrays(vectors, texts, y, lexicons),
    )


MODEL_DIR = Path(__file__).parent / "model"


def model_path(pack: Pack, embedder_name: str, folder: Path = MODEL_DIR) -> Path:
    """Where the shipped heads for this pack and embedder live (``make train`` writes them there)."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in embedder_name)
    return folder / f"{pack.id}-{safe}.npz"


_ARRAYS = ("coef", "intercept", "thresholds", "train_vectors", "train_pos")


def load_shipped(pack: Pack, embedder_name: str, folder: Path | None = None) -> Heads | None:
    """The trained heads shipped in ``analysis/model/`` (``python -m selfaudit.analysis.train``), when they
    were built from this very pack and embedder; None otherwise."""
    path = model_path(pack, embedder_name, folder or MODEL_DIR)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("pack_digest") != pack.digest or meta.get("embedder") != embedder_name:
                return None
            return Heads(
                concern_ids=tuple(str(s) for s in data["concern_ids"]),
                train_texts=tuple(str(s) for s in data["train_texts"]),
                train_langs=tuple(str(s) for s in data["train_langs"]),
                strong_thresholds=data["strong_thresholds"].astype(np.float32),
                knn_weight=float(data["knn_weight"]),
                char_coef=data["char_coef"].astype(np.float32) if "char_coef" in data else None,
                char_intercept=data["char_intercept"] if "char_intercept" in data else None,
                char_weight=float(data["char_weight"]) if "char_weight" in data else 0.0,
                lang_codes=tuple(str(s) for s in data["lang_codes"]) if "lang_codes" in data else (),
                lang_raise=data["lang_raise"].astype(np.float64) if "lang_raise" in data else None,
                model_id=f"{meta['corpus_digest']}-{meta['train_version']}",
                **{name: data[name].astype(np.float32) if name == "train_vectors" else data[name] for name in _ARRAYS},
            )
    except (OSError, KeyError, ValueError):
        return None

"""Train the shipped post heads from the pack and the written corpus (``python -m selfaudit.analysis.train``).

The pack's exemplars, hard negatives and clean texts, plus the corpus of realistic
posts in ``analysis/corpus/train/`` (mostly clean everyday posts and same-topic
contrast pairs, written for this project; see its README), are embedded and one
logistic regression per post concern is fitted on the embedding, the lexicon hits
and the stance cues (``analysis/stance.py``). The nearest-neighbour vote of
``analysis/heads.py`` is kept, weighted by ``KNN_WEIGHT``.

Calibration: corpus posts are split into folds by writer (each writer wrote
independently from the same brief), so every corpus post is scored by heads that
never saw its writer's posts, as the user's real posts will be (the pack is always
in training); one fold per writer. With a single writer, ``FOLDS`` folds by contrast pair instead. On these
out-of-fold scores each concern gets two thresholds, mapped onto the product's
two fixed points: ``flag`` (best F1, or F1.5 for recall-first concerns) becomes
0.5 (``FLAG_AT``, "worth a look"), ``strong`` (best F0.5, at least ``flag``)
becomes 0.6 (``STRONG_AT``, the report's main list). Then, per language (as the judge
guesses it), both rise together until at most ``CLEAN_BOUND`` of that language's clean
held-out posts are flagged. The dev set
(``../shared/eval/``) and the test set (``analysis/corpus/test/``) are never used.

Everything is deterministic (fixed folds from hashes, lbfgs, sorted inputs), and
the shipped model records the digests of the pack and the corpus it came from.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from selfaudit.analysis.embedders import Embedder
from selfaudit.analysis.heads import MODEL_DIR, model_path
from selfaudit.analysis.nearcopy import NearCopies, normalise
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.rules import compile_lexicon, embedding_text

__all__ = [
    "CORPUS_DIR",
    "MODEL_DIR",
    "Corpus",
    "TrainSet",
    "build",
    "corpus_digest",
    "main",
    "model_path",
    "read_corpus",
    "training_set",
]

CORPUS_DIR = Path(__file__).parent / "corpus"
TRAIN_VERSION = "7"
FOLDS = 5
KNN_WEIGHT = 0.7
# Share of the character n-gram regression in the raw score (0.15 and 0.3 tied on the held-out split).
CHAR_WEIGHT = 0.3
# Concerns calibrated like the pack's recall-first ones (F-beta, RECALL_FIRST_BETA) besides those. Tried for offensive-conduct
# (issue 10 asks recall >= 0.70 on real offensive posts): held-out macro-F1 0.770 and 8.7% clean flagged
# against 0.778 and 6.3% with F1, so none (analysis/MEASUREMENTS.md).
RECALL_LEANING: tuple[str, ...] = ()
# The F-beta that places a recall-first concern's flag threshold on the held-out scores. F2 put the partisan flag so
# low once a politicians' writer was held out (held-out precision 0.61) that the per-language raise lifted every
# concern; 1.5: held-out macro-F1 0.795 -> 0.809, clean flagged 10.6% -> 7.0% (analysis/MEASUREMENTS.md, round 4).
RECALL_FIRST_BETA = 1.5
# Per language, the thresholds rise until at most this share of its clean held-out posts is flagged (issue 10:
# every language within the clean-flag bound). Measured by writer: 7% gave macro-F1 0.805 and 5.5% clean
# flagged (each language <= 6%) against 0.798 and 6.7% (English and French 9%) without; 6% cost recall.
CLEAN_BOUND = 0.07
# Concerns whose flag threshold also rises until at most this share of their same-topic civil contrasts (clean
# posts sharing a contrast pair with a positive: heated, teasing or condemning posts beside insults) is flagged on
# held-out writers. Issue 10 asks <= 10% of inoffensive posts flagged with recall >= 0.70; 0.08 leaves a margin.
CONTRAST_BOUND: dict[str, float] = {"offensive-conduct": 0.08}
LANGS: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")


@dataclass(frozen=True)
class Corpus:
    """Corpus posts (train or test split) and the digest of the files they came from."""

    records: tuple[dict[str, Any], ...]
    digest: str


def corpus_digest(files: Sequence[Path]) -> str:
    """sha256 over the files' names and bytes, in name order (16 hex digits)."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def read_corpus(folder: Path) -> Corpus:
    """All posts of ``folder/*.jsonl`` in file then line order."""
    files = sorted(folder.glob("*.jsonl"))
    records = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return Corpus(tuple(records), corpus_digest(files))


@dataclass(frozen=True)
class TrainSet:
    """Unique training texts with labels; ``fold`` is -1 for pack texts (always trained on)."""

    texts: list[str]
    langs: list[str]
    y: np.ndarray  # (n, concerns) int8
    fold: np.ndarray  # (n,) int8
    from_pack: np.ndarray  # (n,) bool
    pairs: tuple[str, ...] = ()  # (n,): "writer:pair" of a corpus post in a contrast pair, else ""


def _fold_of(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % FOLDS


def _writer(record: dict[str, Any]) -> str:
    """The writer of a corpus post: its id's prefix (``w1-17`` -> ``w1``)."""
    return str(record.get("id") or "").split("-")[0]


def training_set(pack: Pack, corpus: Corpus) -> TrainSet:
    """Pack texts (exemplars positive, everything else negative) and corpus posts.

    A text that appears twice keeps the union of its labels; a corpus post that
    repeats a pack text stays a pack text.
    """
    concerns = [c.id for c in pack.post_concerns]
    col = {c: j for j, c in enumerate(concerns)}
    index: dict[str, int] = {}
    texts: list[str] = []
    langs: list[str] = []
    labels: list[set[int]] = []
    folds: list[int] = []
    pairs: list[str] = []

    def add(text: str, lang: str, fold: int, pair: str = "") -> int:
        text = text.strip()
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
            langs.append(lang)
            labels.append(set())
            folds.append(fold)
            pairs.append(pair)
        return index[text]

    for j, c in enumerate(pack.post_concerns):
        for lang in sorted(c.exemplars):
            for t in c.exemplars[lang]:
                labels[add(t, lang, -1)].add(j)
        for lang in sorted(c.negatives):
            for t in c.negatives[lang]:
                add(t, lang, -1)
    for lang in sorted(pack.clean):
        for t in pack.clean[lang]:
            add(t, lang, -1)
    writers = sorted({_writer(r) for r in corpus.records})
    by_writer = len(writers) >= 2
    for r in corpus.records:
        text = str(r.get("text") or "")
        if not text.strip():
            continue
        # Held out by writer when there are several (one fold each): thresholds then come from posts by a
        # writer the heads never saw, as real posts will be. Otherwise by contrast pair.
        fold = writers.index(_writer(r)) if by_writer else _fold_of(str(r.get("pair") or r.get("id") or text))
        pair = f"{_writer(r)}:{r['pair']}" if r.get("pair") else ""
        i = add(text, str(r.get("lang") or ""), fold, pair)
        labels[i].update(col[lab] for lab in r.get("labels") or [] if lab in col)
    y = np.zeros((len(texts), len(concerns)), dtype=np.int8)
    for i, ls in enumerate(labels):
        for j in ls:
            y[i, j] = 1
    fold = np.asarray(folds, dtype=np.int8)
    return TrainSet(texts, langs, y, fold, fold < 0, tuple(pairs))


def contrast_negatives(y: np.ndarray, pairs: Sequence[str]) -> np.ndarray:
    """Clean posts that share a contrast pair with a positive of the concern (``y``: one column)."""
    positive_pairs = {p for p, yes in zip(pairs, y, strict=True) if p and yes}
    clean = ~np.asarray(y, dtype=bool)
    return np.asarray([bool(p) and p in positive_pairs for p in pairs]) & clean


def contrast_raise(scores: np.ndarray, hard: np.ndarray, flag: float, *, bound: float, step: float = 0.005,
                   most: float = 0.2) -> float:
    """The smallest raise of ``flag`` (a multiple of ``step``, at most ``most``) that leaves at most ``bound`` of
    the held-out contrast negatives ``hard`` flagged."""
    return smallest_raise(scores[hard][:, None], np.asarray([flag]), bound=bound, step=step, most=most)


def embed_all(embedder: Embedder, texts: list[str], cache: Path | None = None) -> np.ndarray:
    """Embeddings of ``texts`` (as the judge sees them), through an optional npz cache.

    Each text is embedded on its own: in a batch, a vector moves slightly (1e-5) with its
    batch-mates, so a cache filled in other runs would change the model's bytes. Alone, it
    costs twice the time and the rebuild is byte-for-byte the same with or without a cache.
    """
    keys = [hashlib.sha256(embedding_text(t).encode()).hexdigest()[:24] for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip((str(k) for k in data["keys"]), data["vectors"], strict=True))
    todo = sorted({embedding_text(t) for t, k in zip(texts, keys, strict=True) if k not in known})
    if todo:
        fresh = np.vstack([embedder.encode([t]) for t in todo])
        for t, v in zip(todo, fresh, strict=True):
            known[hashlib.sha256(t.encode()).hexdigest()[:24]] = v
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            ks = sorted(known)
            np.savez(cache, keys=np.asarray(ks), vectors=np.vstack([known[k] for k in ks]).astype(np.float32))
    return np.vstack([known[k] for k in keys]).astype(np.float32)


def _f_beta(y: np.ndarray, s: np.ndarray, beta: float) -> tuple[float, float]:
    """The threshold (a midpoint between observed scores) with the best F-beta, and that F-beta."""
    order = np.argsort(-s, kind="stable")
    ys, ss = y[order], s[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    pos = max(int(ys.sum()), 1)
    b2 = beta * beta
    f = (1 + b2) * tp / np.maximum((1 + b2) * tp + b2 * (pos - tp) + fp, 1e-9)
    # only cut between distinct scores
    ok = np.r_[ss[1:] < ss[:-1], True]
    f = np.where(ok, f, -1.0)
    k = int(np.argmax(f))
    nxt = ss[k + 1] if k + 1 < len(ss) else ss[k] - 0.05
    return float((ss[k] + nxt) / 2.0), float(f[k])


def choose_thresholds(y: np.ndarray, s: np.ndarray, *, recall_first: bool) -> tuple[float, float]:
    """(flag, strong) thresholds on raw scores for one concern, from held-out scores."""
    if y.sum() == 0:
        return 0.5, 0.6
    flag, _ = _f_beta(y, s, RECALL_FIRST_BETA if recall_first else 1.0)
    strong, _ = _f_beta(y, s, 0.5)
    flag = float(np.clip(flag, 0.05, 0.95))
    strong = float(np.clip(max(strong, flag + 1e-3), flag + 1e-3, 0.98))
    return flag, strong


def language_raise(scores: np.ndarray, clean: np.ndarray, langs: Sequence[str], flags: np.ndarray, *,
                   bound: float = CLEAN_BOUND, step: float = 0.005, most: float = 0.3) -> np.ndarray:
    """Per language of ``LANGS``: the smallest raise of every threshold (a multiple of ``step``, at most
    ``most``) that leaves at most ``bound`` of its clean held-out posts flagged."""
    langs_a = np.asarray(langs)
    out = np.zeros(len(LANGS), dtype=np.float32)
    for k, lang in enumerate(LANGS):
        out[k] = smallest_raise(scores[clean & (langs_a == lang)], flags, bound=bound, step=step, most=most)
    return out


def smallest_raise(rows: np.ndarray, flags: np.ndarray, *, bound: float, step: float, most: float) -> float:
    """The smallest raise of all ``flags`` (a multiple of ``step``, at most ``most``) that leaves at most ``bound``
    of ``rows`` (held-out posts that should not be flagged, (posts, concerns)) flagged."""
    if not len(rows):
        return 0.0
    n = 0
    while (rows >= flags + n * step).any(axis=1).mean() > bound and (n + 1) * step <= most + 1e-9:
        n += 1
    return n * step


def build(
    pack: Pack,
    embedder: Embedder,
    corpus: Corpus,
    *,
    cache: Path | None = None,
    log: Any = None,
) -> dict[str, np.ndarray]:
    """Fit, calibrate out of fold, refit on everything; returns the arrays to save."""
    from selfaudit.analysis.heads import char_scores, fit_arrays, fit_char, score_arrays

    say = log or (lambda *_: None)
    ts = training_set(pack, corpus)
    t0 = time.perf_counter()
    vectors = embed_all(embedder, ts.texts, cache)
    say(f"embedded {len(ts.texts)} texts in {time.perf_counter() - t0:.1f} s")
    lexicons = [compile_lexicon(c.all_terms()) for c in pack.post_concerns]
    oof = np.zeros(ts.y.shape, dtype=np.float64)
    for k in range(int(ts.fold.max()) + 1):
        held = ts.fold == k
        if not held.any():
            continue
        arrays = fit_arrays(vectors[~held], [t for t, h in zip(ts.texts, held, strict=True) if not h], ts.y[~held],
                            lexicons)
        held_texts = [t for t, h in zip(ts.texts, held, strict=True) if h]
        oof[held] = score_arrays(arrays, vectors[held], held_texts, lexicons, knn_weight=KNN_WEIGHT)
        if CHAR_WEIGHT > 0:
            coef, intercept = fit_char([t for t, h in zip(ts.texts, held, strict=True) if not h], ts.y[~held])
            oof[held] = (1 - CHAR_WEIGHT) * oof[held] + CHAR_WEIGHT * char_scores(coef, intercept, held_texts)
    recall_first = {*pack.recall_first, *RECALL_LEANING}
    corpus_rows = ~ts.from_pack
    flags, strongs = [], []
    held_y, held_s = ts.y[corpus_rows].astype(bool), oof[corpus_rows]
    held_pairs = [p for p, row in zip(ts.pairs, corpus_rows, strict=True) if row]
    f1s = []
    for j, c in enumerate(pack.post_concerns):
        f, s = choose_thresholds(held_y[:, j], held_s[:, j], recall_first=c.id in recall_first)
        flags.append(f)
        strongs.append(s)
        y, hit, sure = held_y[:, j], held_s[:, j] >= f, held_s[:, j] >= s
        p, r = (y & hit).sum() / max(hit.sum(), 1), (y & hit).sum() / max(y.sum(), 1)
        f1s.append(2 * p * r / max(p + r, 1e-9))
        say(f"{c.id:26} flag {f:.3f} (held-out P {p:.2f} R {r:.2f})  strong {s:.3f} "
            f"(P {(y & sure).sum() / max(sure.sum(), 1):.2f} R {(y & sure).sum() / max(y.sum(), 1):.2f})  n+ {int(y.sum())}")
    clean = ~held_y.any(axis=1)
    say(f"held out by writer: macro-F1 {np.mean(f1s):.3f}, clean posts flagged "
        f"{(held_s[clean] >= np.asarray(flags)).any(axis=1).mean():.1%} of {int(clean.sum())}")
    from selfaudit.analysis.judge import guess_lang

    # The language as the judge will guess it from the text (not the corpus label), so the raise applies as trained.
    held_langs = [guess_lang(t) for t, row in zip(ts.texts, corpus_rows, strict=True) if row]
    lift = language_raise(held_s, clean, held_langs, np.asarray(flags))
    say("per-language threshold raise (clean flagged <= "
        f"{CLEAN_BOUND:.0%}): " + " ".join(f"{lang} +{v:.3f}" for lang, v in zip(LANGS, lift, strict=True)))
    # Then, on top of the language raise (so the other concerns keep theirs), the contrast-bounded concerns.
    row_lift = np.asarray([float(lift[LANGS.index(lang)]) if lang in LANGS else 0.0 for lang in held_langs])
    for j, c in enumerate(pack.post_concerns):
        if c.id in CONTRAST_BOUND:
            hard = contrast_negatives(held_y[:, j], held_pairs)
            extra = contrast_raise(held_s[:, j] - row_lift, hard, flags[j], bound=CONTRAST_BOUND[c.id])
            flags[j], strongs[j] = flags[j] + extra, max(strongs[j], flags[j] + extra + 1e-3)
            y, hit = held_y[:, j], held_s[:, j] - row_lift >= flags[j]
            say(f"{c.id:26} +{extra:.3f}: <= {CONTRAST_BOUND[c.id]:.0%} of its {int(hard.sum())} held-out civil "
                f"contrasts flagged; held-out recall now {(y & hit).sum() / max(y.sum(), 1):.2f}")
    arrays = fit_arrays(vectors, ts.texts, ts.y, lexicons)
    if CHAR_WEIGHT > 0:
        char_coef, char_intercept = fit_char(ts.texts, ts.y)
        arrays.update(char_coef=char_coef.astype(np.float16), char_intercept=char_intercept,
                      char_weight=np.asarray(CHAR_WEIGHT, dtype=np.float32))
    arrays.update(
        train_vectors=vectors.astype(np.float16),  # halves the shipped file; cosines move < 1e-3
        knn_weight=np.asarray(KNN_WEIGHT, dtype=np.float32),
        thresholds=np.asarray(flags, dtype=np.float32),
        strong_thresholds=np.asarray(strongs, dtype=np.float32),
        lang_codes=np.asarray(LANGS),
        lang_raise=lift,
        train_langs=np.asarray(ts.langs),
        train_texts=np.asarray(ts.texts),
        concern_ids=np.asarray([c.id for c in pack.post_concerns]),
        meta=np.asarray(json.dumps({"pack": pack.id, "pack_digest": pack.digest, "embedder": embedder.name,
                                    "corpus_digest": corpus.digest, "train_version": TRAIN_VERSION})),
        oof=oof[corpus_rows].astype(np.float32),
        oof_y=ts.y[corpus_rows],
    )
    return arrays


def import_corpus(sources: Sequence[Path], dest: Path, *, avoid: Sequence[str] = ()) -> tuple[int, int]:
    """Copy writers' JSONL batches into ``dest`` (one file per source folder), dropping exact
    duplicates (normalised text) and near-duplicates of any ``avoid`` text (dev and test sets).

    Returns (kept, dropped).
    """
    held_out = NearCopies(avoid)
    seen: set[str] = set()
    kept = dropped = 0
    dest.mkdir(parents=True, exist_ok=True)
    for src in sources:
        lines = []
        for f in sorted(src.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    dropped += 1
                    continue
                text = normalise(str(rec.get("text") or ""))
                if not text or text in seen or held_out.of(text):
                    dropped += 1
                    continue
                seen.add(text)
                lines.append(json.dumps(rec, ensure_ascii=False, sort_keys=True))
                kept += 1
        (dest / f"{src.name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kept, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m selfaudit.analysis.train", description=__doc__.split("\n")[0])
    parser.add_argument("--pack", default=None, help="pack id or path (default: un-secretariat)")
    parser.add_argument("--embedder", default=None, help="embedder spec (default: the product default)")
    parser.add_argument("--cache", default="build/train-embeddings.npz", help="embedding cache (npz)")
    parser.add_argument("--out", default=None, help="output npz (default: analysis/model/<pack>-<embedder>.npz)")
    parser.add_argument("--import-train", nargs="*", default=None, metavar="DIR",
                        help="first copy these writers' folders into analysis/corpus/train (dedup, no dev/test near-copies)")
    parser.add_argument("--import-test", nargs="*", default=None, metavar="DIR",
                        help="first copy these folders into analysis/corpus/test (dedup, no dev or train near-copies)")
    args = parser.parse_args(argv)
    from selfaudit.analysis.embedders import make_embedder
    from selfaudit.analysis.evaluate import shared_dir

    dev_file = shared_dir() / "eval" / "dev_posts.jsonl"
    dev = [json.loads(x)["text"] for x in dev_file.read_text(encoding="utf-8").splitlines() if x.strip()] \
        if dev_file.is_file() else []
    if args.import_test:
        train = [str(r.get("text") or "") for r in read_corpus(CORPUS_DIR / "train").records]
        kept, dropped = import_corpus([Path(d) for d in args.import_test], CORPUS_DIR / "test", avoid=[*dev, *train])
        print(f"test: kept {kept}, dropped {dropped}")
    if args.import_train is not None:
        test = [str(r.get("text") or "") for r in read_corpus(CORPUS_DIR / "test").records]
        kept, dropped = import_corpus([Path(d) for d in args.import_train], CORPUS_DIR / "train", avoid=[*dev, *test])
        print(f"train: kept {kept}, dropped {dropped}")
    from selfaudit.analysis.pack import load_pack

    from selfaudit.errors import SelfAuditError

    try:
        pack = load_pack(args.pack)
        embedder = make_embedder(args.embedder)
        corpus = read_corpus(CORPUS_DIR / "train")
        arrays = build(pack, embedder, corpus, cache=Path(args.cache) if args.cache else None, log=print)
    except SelfAuditError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else model_path(pack, embedder.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    save(out, arrays)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) from corpus {corpus.digest}, pack {pack.digest}")
    return 0


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays without timestamps, so the same inputs give the same bytes."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


if __name__ == "__main__":
    raise SystemExit(main())

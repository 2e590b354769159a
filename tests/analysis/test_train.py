"""The training pipeline: deterministic rebuild, writer folds, calibration, and the shipped model's provenance."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from selfaudit.analysis.heads import Heads, load_shipped
from selfaudit.analysis.judge import FLAG_AT, make_judge
from selfaudit.analysis.pack import load_pack
from selfaudit.analysis.severity import STRONG_AT
from selfaudit.analysis.train import (
    CORPUS_DIR,
    LANGS,
    MODEL_DIR,
    build,
    choose_thresholds,
    contrast_negatives,
    contrast_raise,
    corpus_digest,
    import_corpus,
    language_raise,
    model_path,
    read_corpus,
    save,
    training_set,
)

POSTS = [
    ("w1-1", "en", "Vote for the Sunrise Party on Sunday, throw the government out! #VoteSunrise", ["partisan-politics"], "p1"),
    ("w1-2", "en", "Polls close at 8 tonight; results expected by midnight.", [], "p1"),
    ("w1-3", "en", "Baked bread with the kids, flour everywhere.", [], ""),
    ("w1-4", "en", "Convoy leaves the compound at 05:30 via the river road, back Thursday.", ["security-risk"], "p2"),
    ("w2-1", "en", "Back from a lovely week by the river, photos soon.", [], "p2"),
    ("w2-2", "fr", "Votez pour le Parti du Soleil dimanche !", ["partisan-politics"], ""),
    ("w2-3", "en", "Football tonight, my team needs a miracle.", [], ""),
    ("w2-4", "en", "Donate to our campaign and help the Sunrise Party win.", ["partisan-politics"], ""),
]


def _write_corpus(folder: Path, posts: list[tuple[str, str, str, list[str], str]] = POSTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for writer in ("w1", "w2"):
        lines = [json.dumps({"id": i, "lang": lang, "text": text, "labels": labels, "pair": pair}, ensure_ascii=False)
                 for i, lang, text, labels, pair in posts if i.startswith(writer)]
        (folder / f"{writer}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_rebuild_is_deterministic(mini_pack, hash_embedder, tmp_path):
    corpus = read_corpus(_write_corpus(tmp_path / "train"))
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    save(first, build(mini_pack, hash_embedder, corpus))
    save(second, build(mini_pack, hash_embedder, corpus, cache=tmp_path / "emb.npz"))
    assert first.read_bytes() == second.read_bytes()
    with np.load(first) as data:
        meta = json.loads(str(data["meta"]))
    assert meta["corpus_digest"] == corpus.digest and meta["pack_digest"] == mini_pack.digest


def test_corpus_digest_follows_the_files(tmp_path):
    folder = _write_corpus(tmp_path / "train")
    before = read_corpus(folder).digest
    (folder / "w1.jsonl").write_text((folder / "w1.jsonl").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_corpus(folder).digest != before


def test_corpus_posts_are_held_out_by_writer(mini_pack):
    ts = training_set(mini_pack, read_corpus(_write_corpus_in_memory()))
    folds = {t: int(f) for t, f in zip(ts.texts, ts.fold, strict=True)}
    w1 = {folds[t] for i, _, t, _, _ in POSTS if i.startswith("w1")}
    w2 = {folds[t] for i, _, t, _, _ in POSTS if i.startswith("w2")}
    assert len(w1) == 1 and len(w2) == 1 and w1 != w2
    assert all(f == -1 for f, p in zip(ts.fold, ts.from_pack, strict=True) if p)  # pack texts are always trained on
    j = [c.id for c in mini_pack.post_concerns].index("partisan-politics")
    assert ts.y[ts.texts.index(POSTS[0][2]), j] == 1 and ts.y[ts.texts.index(POSTS[1][2]), j] == 0


def test_every_writer_is_its_own_fold_even_beyond_five(mini_pack, tmp_path):
    # six writers: the sixth must not share a fold (and so a held-out model) with the first
    folder = tmp_path / "train"
    folder.mkdir()
    for k in range(1, 7):
        rows = [{"id": f"w{k}-{i}", "lang": "en", "text": f"Writer {k} post {i} about the weather", "labels": []} for i in (1, 2)]
        (folder / f"w{k}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    ts = training_set(mini_pack, read_corpus(folder))
    folds = {t.split(" post")[0]: int(f) for t, f, p in zip(ts.texts, ts.fold, ts.from_pack, strict=True) if not p}
    assert sorted(folds.values()) == list(range(6))


def _write_corpus_in_memory() -> Path:
    import tempfile

    return _write_corpus(Path(tempfile.mkdtemp()) / "train")


def test_thresholds_separate_held_out_scores():
    y = np.array([0, 0, 0, 0, 1, 1, 1, 0, 1, 1])
    s = np.array([0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.65, 0.9, 0.95])
    flag, strong = choose_thresholds(y, s, recall_first=False)
    assert 0.35 < flag < 0.6 and flag < strong <= 0.95
    assert choose_thresholds(np.zeros(4, dtype=int), s[:4], recall_first=True) == (0.5, 0.6)


def test_calibration_maps_flag_and_strong_onto_the_two_fixed_points():
    heads = Heads(concern_ids=("a",), coef=np.zeros((1, 2)), intercept=np.zeros(1), thresholds=np.array([0.3]),
                  strong_thresholds=np.array([0.8]), train_vectors=np.zeros((1, 2)), train_pos=np.ones((1, 1)),
                  train_texts=("x",))
    raw = np.array([[0.0], [0.3], [0.55], [0.8], [1.0]])
    cal = heads.calibrate(raw)[:, 0]
    assert cal[1] == pytest.approx(FLAG_AT) and cal[3] == pytest.approx(STRONG_AT)
    assert cal[0] == 0.0 and cal[4] == 1.0 and np.all(np.diff(cal) > 0)


def test_language_raise_lifts_only_languages_over_the_clean_bound():
    # three clean English posts, two flagged at the shared threshold 0.5; French is within the bound
    scores = np.array([[0.6], [0.52], [0.1], [0.3], [0.2], [0.9]])
    clean = np.array([True, True, True, True, True, False])
    langs = ["en", "en", "en", "fr", "fr", "fr"]
    lift = dict(zip(LANGS, language_raise(scores, clean, langs, np.array([0.5]), bound=0.34), strict=True))
    assert lift["en"] == pytest.approx(0.025)  # 0.5 + 0.025 > 0.52: one English post of three left flagged
    assert lift["fr"] == 0.0 and lift["zh"] == 0.0  # the positive French post does not count; no Chinese posts


def test_contrast_negatives_are_the_clean_partners_of_positives(mini_pack, tmp_path):
    ts = training_set(mini_pack, read_corpus(_write_corpus(tmp_path / "corpus")))
    col = [c.id for c in mini_pack.post_concerns].index("partisan-politics")
    hard = contrast_negatives(ts.y[:, col], ts.pairs)
    assert [t for t, h in zip(ts.texts, hard, strict=True) if h] == ["Polls close at 8 tonight; results expected by midnight."]


def test_contrast_raise_lifts_the_flag_until_few_civil_contrasts_are_flagged():
    scores = np.array([0.7, 0.55, 0.52, 0.1, 0.9])  # four civil contrasts and one positive
    hard = np.array([True, True, True, True, False])
    assert contrast_raise(scores, hard, 0.5, bound=0.25) == pytest.approx(0.055)  # only 0.7 stays flagged
    assert contrast_raise(scores, hard, 0.5, bound=0.75) == 0.0
    assert contrast_raise(scores, hard, 0.5, bound=0.0, most=0.1) == pytest.approx(0.1)  # capped
    assert contrast_raise(scores, np.zeros(5, dtype=bool), 0.5, bound=0.0) == 0.0


def test_language_raise_lifts_thresholds_for_that_language_only():
    heads = Heads(concern_ids=("a",), coef=np.zeros((1, 2)), intercept=np.zeros(1), thresholds=np.array([0.3]),
                  strong_thresholds=np.array([0.8]), train_vectors=np.zeros((1, 2)), train_pos=np.ones((1, 1)),
                  train_texts=("x",), lang_codes=("en", "fr"), lang_raise=np.array([0.1, 0.0]))
    raw = np.array([[0.35], [0.35], [0.35]])
    cal = heads.calibrate(raw, heads.raise_for(["en", "fr", "de"]))[:, 0]
    assert cal[0] < FLAG_AT <= cal[1] and cal[2] == cal[1]
    assert heads.calibrate(np.array([[0.4], [0.9]]), heads.raise_for(["en", "en"]))[:, 0] == pytest.approx([FLAG_AT, STRONG_AT])
    plain = Heads(concern_ids=("a",), coef=np.zeros((1, 2)), intercept=np.zeros(1), thresholds=np.array([0.3]),
                  train_vectors=np.zeros((1, 2)), train_pos=np.ones((1, 1)), train_texts=("x",))
    assert plain.raise_for(["en"]) is None


def test_import_drops_duplicates_and_near_copies_of_held_out_text(tmp_path):
    src = tmp_path / "w1"
    src.mkdir()
    rows = [{"id": "w1-1", "text": "Lunch at the market, great tacos"}, {"id": "w1-2", "text": "lunch at the  market, great tacos"},
            {"id": "w1-3", "text": "Polls close at eight tonight."}, {"id": "w1-4", "text": "Rain again in Port Halden."}]
    (src / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    kept, dropped = import_corpus([src], tmp_path / "out", avoid=["Polls close at eight tonight!"])
    assert (kept, dropped) == (2, 2)
    assert [json.loads(x)["id"] for x in (tmp_path / "out" / "w1.jsonl").read_text(encoding="utf-8").splitlines()] == ["w1-1", "w1-4"]


def test_shipped_model_matches_the_corpus_and_pack_it_was_built_from():
    pack = load_pack()
    path = model_path(pack, "use-m3")
    if not path.is_file():
        pytest.skip("no shipped model")
    with np.load(path) as data:
        meta = json.loads(str(data["meta"]))
        n_texts = len(data["train_texts"])
    assert meta["corpus_digest"] == corpus_digest(sorted((CORPUS_DIR / "train").glob("*.jsonl"))), \
        "the corpus changed since the model was built: run `make train`"
    assert meta["pack_digest"] == pack.digest, "the pack changed since the model was built: run `make train`"
    ts = training_set(pack, read_corpus(CORPUS_DIR / "train"))
    assert n_texts == len(ts.texts)
    heads = load_shipped(pack, "use-m3")
    assert heads is not None and heads.model_id.startswith(meta["corpus_digest"])
    assert heads.char_coef is not None and heads.char_coef.shape[0] == len(heads.concern_ids) and heads.char_weight > 0
    assert heads.lang_codes == LANGS and heads.lang_raise is not None and np.all(heads.lang_raise >= 0)
    assert path.stat().st_size < 20_000_000 and MODEL_DIR in path.parents


def test_shipped_model_is_not_used_for_another_pack(mini_pack, hash_embedder, tmp_path):
    assert load_shipped(mini_pack, "use-m3") is None
    judge = make_judge(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert judge.heads.model_id == "pack"

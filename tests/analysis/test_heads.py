from __future__ import annotations

import numpy as np
import pytest
from selfaudit.analysis.heads import fit_heads, load_or_fit
from selfaudit.analysis.judge import FLAG_AT, PostJudge
from selfaudit.analysis.pack import parse_pack


def test_heads_are_cached_on_disk(mini_pack, hash_embedder, tmp_path):
    first = load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    calls = hash_embedder.calls
    again = load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert hash_embedder.calls == calls
    assert np.array_equal(first.coef, again.coef) and again.train_texts == first.train_texts


def test_changed_pack_refits(mini_pack, hash_embedder, tmp_path):
    import yaml

    from tests.analysis.conftest import FIXTURES

    load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    raw = yaml.safe_load((FIXTURES / "mini_pack.yaml").read_text(encoding="utf-8"))
    raw["clean"]["en"].append("Planted tomatoes on the balcony today.")
    calls = hash_embedder.calls
    load_or_fit(parse_pack(raw), hash_embedder, cache_dir=tmp_path)
    assert hash_embedder.calls > calls
    assert len(list(tmp_path.glob("*.npz"))) == 1  # the older version's heads are pruned


def test_thresholds_follow_recall_first(mini_pack, hash_embedder):
    heads = fit_heads(mini_pack, hash_embedder)
    t = dict(zip(heads.concern_ids, heads.thresholds, strict=True))
    assert t["security-risk"] < t["unbefitting-conduct"]
    raw = np.array([[0.0, float(t["security-risk"]), 1.0]]).T @ np.ones((1, len(t)))
    cal = heads.calibrate(raw)
    j = heads.concern_ids.index("security-risk")
    assert cal[0, j] == 0.0 and cal[1, j] == pytest.approx(FLAG_AT) and cal[2, j] == 1.0


def test_judge_flags_exemplar_like_text_and_explains(mini_pack, hash_embedder):
    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    [flagged, clean] = judge.judge(["Vote for the Sunrise Party, throw the government out! #VoteSunrise",
                                    "Long walk by the sea with the dog, sun all day."])
    assert flagged and flagged[0].concern == "partisan-politics"
    assert "Vote for" in flagged[0].triggers
    assert flagged[0].exemplar in mini_pack.concern("partisan-politics").all_exemplars()
    assert flagged[0].reason.startswith("This post")
    assert clean == []


def test_co_labels_from_concerns_md(mini_pack, hash_embedder):
    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    [found] = judge.judge(["So drunk at the mission bar last night, someone carry @piet_k back to the car park."])
    concerns = {j.concern: j for j in found}
    assert "unbefitting-conduct" in concerns
    assert concerns["privacy-of-others"].triggers == ("@piet_k",)
    [alone] = judge.judge(["So drunk at the mission bar last night, woke up in the car park."])
    assert "privacy-of-others" not in {j.concern for j in alone}

from __future__ import annotations

import numpy as np
import pytest
from selfaudit.analysis.heads import fit_heads
from selfaudit.analysis.judge import FLAG_AT, PostJudge


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


def test_negative_means_match_a_full_search_even_when_the_shortlist_holds_too_few_negatives():
    """The neighbour vote looks for each concern's nearest negatives on a short list first; rows whose list
    is mostly positives (a post among many exemplars) must get the same answer as a search of every text."""
    from selfaudit.analysis.heads import negative_means

    rng = np.random.default_rng(3)
    sims = rng.random((40, 120)).astype(np.float32)
    negative = rng.random(120) < 0.3
    sims[:10, ~negative] += 1.0  # these rows' best texts are all positives
    order = np.argsort(-sims, axis=1, kind="stable")[:, :8]
    got = negative_means(sims, order, np.take_along_axis(sims, order, axis=1), negative, 3)
    want = np.sort(sims[:, negative], axis=1)[:, -3:].mean(axis=1)
    assert np.allclose(got, want, atol=1e-6)
    few = np.zeros(120, dtype=bool)
    few[[5, 9]] = True  # fewer negatives than k: the mean of those there are
    got_few = negative_means(sims, order, np.take_along_axis(sims, order, axis=1), few, 3)
    assert np.allclose(got_few, sims[:, [5, 9]].mean(axis=1), atol=1e-6)

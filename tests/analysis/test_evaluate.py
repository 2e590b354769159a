"""``make eval``'s test-set sections and the strong / worth-a-look split, on hand-made predictions."""

from __future__ import annotations

import json

import pytest
from selfaudit.analysis.evaluate import bands, score_set, section_figures


def _rec(i: int, lang: str, group: str, labels: list[str], pair: str = "") -> dict[str, object]:
    return {"id": str(i), "lang": lang, "group": group, "labels": labels, "pair": pair, "text": "x"}


def test_sections_count_what_the_issue_asks():
    records = [
        _rec(1, "en", "ordinary", []), _rec(2, "en", "ordinary", []), _rec(3, "fr", "ordinary", []),
        _rec(4, "en", "parallel", [], "p1"), _rec(5, "fr", "parallel", [], "p1"), _rec(6, "zh", "parallel", [], "p1"),
        _rec(7, "en", "political", ["partisan-politics"]), _rec(8, "en", "political", []),
        _rec(9, "ar", "offensive", ["offensive-conduct"]), _rec(10, "ar", "offensive", []),
    ]
    pred = [{"partisan-politics"}, set(), set(), set(), set(), {"security-risk"}, {"partisan-politics"}, set(),
            {"unbefitting-conduct"}, {"offensive-conduct"}]
    sec = section_figures(records, pred)
    assert sec["ordinary_flagged_by_lang"] == {"en": 0.5, "fr": 0.0}
    par = sec["parallel"]
    assert par["flagged_security"] == pytest.approx(1 / 3) and par["flagged_partisan"] == 0.0
    assert par["translation_agrees_with_english"] == 0.5 and par["all_languages_agree"] == 0.0
    assert sec["political"]["accuracy"] == 1.0
    assert sec["offensive"]["ar"] == {"recall": 1.0, "inoffensive_flagged": 1.0, "offensive": 1, "inoffensive": 1}
    assert score_set(records, pred, ["partisan-politics"])["clean_flag_rate"] == pytest.approx(3 / 8)


def test_bands_split_strong_from_worth_a_look():
    records = [_rec(1, "en", "c", ["partisan-politics"]), _rec(2, "en", "c", []), _rec(3, "en", "c", [])]
    scored = [{"partisan-politics": 0.9}, {"partisan-politics": 0.55}, {"security-risk": 0.7}]
    b = bands(records, scored)
    assert (b["strong"], b["possible"]) == (2, 1)
    assert b["strong_precision"] == 0.5 and b["possible_precision"] == 0.0 and b["clean_strong_rate"] == 0.5


def test_news_and_travel_sentences_without_translations_and_clean_ordinary_posts():
    records = [
        _rec(1, "en", "travel_news", []), _rec(2, "en", "travel_news", []), _rec(3, "ru", "travel_news", []),
        _rec(4, "ru", "ordinary", []), _rec(5, "ru", "ordinary", ["offensive-conduct"]),
    ]
    pred = [{"security-risk"}, set(), {"partisan-politics"}, set(), {"offensive-conduct"}]
    sec = section_figures(records, pred)
    par = sec["parallel"]
    assert par["flagged_security"] == pytest.approx(1 / 3) and par["flagged_partisan"] == pytest.approx(1 / 3)
    assert par["flagged_by_lang"] == {"en": 0.5, "ru": 1.0}
    assert par["translation_agrees_with_english"] is None and par["groups"] == 0
    assert sec["ordinary_flagged_by_lang"] == {"ru": 0.5} and sec["ordinary_clean_flagged_by_lang"] == {"ru": 0.0}


def test_each_test_file_is_reported_on_its_own(tmp_path, mini_pack, hash_embedder):
    from selfaudit.analysis.evaluate import evaluate_test
    from selfaudit.analysis.heads import fit_heads
    from selfaudit.analysis.judge import PostJudge

    for name, text in (("testset", "Polls close at eight."), ("testset2", "Rain again today.")):
        record = {"id": "1", "lang": "en", "group": "ordinary", "labels": [], "text": text}
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = evaluate_test(PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder)), tmp_path)
    assert sorted(out) == ["testset", "testset2"] and out["testset2"]["posts"] == 1

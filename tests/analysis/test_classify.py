"""The JSONL adapters behind ``classify`` and ``check``: one output line per input line."""

from __future__ import annotations

import datetime as dt

import pytest
from selfaudit.analysis.classify import classify_post_lines, classify_profile_lines
from selfaudit.analysis.heads import fit_heads
from selfaudit.analysis.judge import PostJudge
from selfaudit.analysis.severity import STRONG_AT


@pytest.fixture
def judge(mini_pack, hash_embedder):
    return PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))


def test_classify_lines_shape(judge):
    lines = [
        {"id": "p1", "text": "Vote for the Harbor Party on Sunday #VoteHarbor", "labels": ["x"], "why": "ignored",
         "created_at": "2019-03-01"},
        {"id": "p2", "text": "Quiet walk by the sea with the dog.", "platform": "x", "created_at": "2018-01-01"},
    ]
    out = list(classify_post_lines(lines, judge, appointment_date=dt.date(2020, 1, 1)))
    assert [o["id"] for o in out] == ["p1", "p2"]
    assert out[1]["concerns"] == []
    [c] = [c for c in out[0]["concerns"] if c["id"] == "partisan-politics"]
    assert set(c) == {"id", "score", "severity", "list", "reason"} and 0.5 <= c["score"] <= 1
    assert c["severity"] == "medium"  # pre-appointment
    assert c["list"] == ("main" if c["score"] >= STRONG_AT else "worth-a-look")


def test_a_possible_match_is_marked_worth_a_look():
    """A score under STRONG_AT lands in the report's "worth a look" list; classify says so too."""
    from selfaudit.analysis import classify

    finding = {"concern": "partisan-politics", "score": 0.55, "severity": "medium", "certainty": "possible",
               "explanation": {"reason": "r"}}
    assert classify._flagged([finding])[0]["list"] == "worth-a-look"
    assert classify._flagged([{**finding, "score": 0.8, "certainty": "strong"}])[0]["list"] == "main"


def test_classify_profiles(judge):
    line = {"id": "acc1", "platform": "x", "handle": "@sam_w", "display_name": "Sam W", "bio": "Logistics @ WFP. Views my own.",
            "links": [], "email": "sam.w@wfp.org", "posts": [{"text": "RT @Harbor: vote for the Harbor Party! #VoteHarbor"}]}
    [out] = list(classify_profile_lines([line], judge))
    assert {c["id"] for c in out["concerns"]} == {"un-affiliation", "disclaimer-reliance", "professional-email",
                                                   "affiliation-with-partisanship"}


def test_a_packs_organisation_reaches_the_account_rules(hash_embedder):
    import yaml
    from selfaudit.analysis.pack import parse_pack

    from tests.analysis.conftest import FIXTURES

    raw = yaml.safe_load((FIXTURES / "mini_pack.yaml").read_text(encoding="utf-8"))
    raw["organisation"] = {"names": ["Harbour Development Bank"], "domains": ["hdbank.example"]}
    pack = parse_pack(raw, origin="t")
    judge = PostJudge(pack, hash_embedder, heads=fit_heads(pack, hash_embedder))
    line = {"id": "p", "platform": "x", "handle": "@lena", "display_name": "Lena", "bio": "Economist, Harbour Development Bank",
            "links": [], "email": "lena@hdbank.example", "posts": []}
    [out] = list(classify_profile_lines([line], judge))
    assert {c["id"] for c in out["concerns"]} == {"un-affiliation", "professional-email"}


def test_empty_texts_and_profiles_without_posts_give_empty_lines(judge):
    assert list(classify_post_lines([{"id": 7, "text": ""}], judge, appointment_date=None)) == [{"id": 7, "concerns": []}]
    [out] = list(classify_profile_lines([{"id": "a", "handle": "@quiet", "bio": "Bread and bikes", "posts": []}], judge))
    assert out == {"id": "a", "concerns": []}

from __future__ import annotations

import datetime as dt

import pytest
from selfaudit.analysis.pack import POST_CONCERNS
from selfaudit.analysis.severity import LEVELS, SeverityPolicy, action_for, severity_for, timing_of

APPOINTED = dt.date(2020, 1, 1)


def test_timing():
    assert timing_of("2019-12-31T23:00:00Z", APPOINTED) == "pre-appointment"
    assert timing_of("2020-01-01", APPOINTED) == "post-appointment"
    assert timing_of("2020-01-01", None) is None
    assert timing_of(None, APPOINTED) is None
    assert timing_of("garbage", APPOINTED) is None


@pytest.mark.parametrize("base", LEVELS)
@pytest.mark.parametrize("timing", ["pre-appointment", "post-appointment", None])
@pytest.mark.parametrize("affiliated", [True, False])
def test_confidential_and_security_always_high(base, timing, affiliated):
    for concern in ("confidential-info", "security-risk"):
        assert severity_for(concern, base=base, timing=timing, affiliated=affiliated) == "high"


@pytest.mark.parametrize("concern", POST_CONCERNS)
@pytest.mark.parametrize("base", LEVELS)
def test_post_appointment_affiliated_never_below_medium(concern, base):
    level = severity_for(concern, base=base, timing="post-appointment", affiliated=True)
    assert LEVELS.index(level) >= LEVELS.index("medium")


@pytest.mark.parametrize("concern", POST_CONCERNS)
@pytest.mark.parametrize("base", LEVELS)
def test_pre_appointment_capped_at_medium_except_harm_to_others(concern, base):
    level = severity_for(concern, base=base, timing="pre-appointment", affiliated=True)
    if concern in ("security-risk", "confidential-info"):
        assert level == "high"
    elif concern in ("privacy-of-others", "offensive-conduct"):
        assert level == base
    else:
        assert LEVELS.index(level) <= LEVELS.index("medium")


def test_pre_appointment_is_lower_than_the_same_post_while_serving():
    pre = severity_for("partisan-politics", base="high", timing="pre-appointment", affiliated=True)
    post = severity_for("partisan-politics", base="high", timing="post-appointment", affiliated=True)
    assert LEVELS.index(pre) < LEVELS.index(post)


def test_pack_can_override_the_sets():
    policy = SeverityPolicy.from_pack({"always_high": ["partisan-politics"]})
    assert severity_for("partisan-politics", base="low", timing="pre-appointment", affiliated=False, policy=policy) == "high"
    assert severity_for("security-risk", base="low", timing=None, affiliated=False, policy=policy) == "low"


def test_endorsements_keep_severity_but_change_remedy():
    assert action_for("delete", kind="like", severity="high") == "unlike"
    assert action_for("delete", kind="repost", severity="high") == "delete"
    assert action_for("delete", kind="page", severity="medium") == "edit"
    assert action_for("review", kind="like", severity="medium") == "review"
    assert action_for("delete", kind="original", severity="info") == "keep"


def test_a_possible_match_is_never_high() -> None:
    from selfaudit.analysis.severity import STRONG_AT, certainty

    weak = severity_for("security-risk", base="high", timing="post-appointment", affiliated=True, score=STRONG_AT - 0.05)
    strong = severity_for("security-risk", base="high", timing="post-appointment", affiliated=True, score=STRONG_AT)
    assert (weak, strong) == ("medium", "high")
    assert severity_for("partisan-politics", base="low", timing=None, affiliated=False, score=0.51) == "low"
    assert (certainty(0.55), certainty(0.9)) == ("possible", "strong")

"""Finding dicts: the shape the store keeps, with severity and remedy from the pack and the rules."""

from __future__ import annotations

from selfaudit.analysis.accounts import AccountFinding
from selfaudit.analysis.findings import account_finding, post_finding
from selfaudit.analysis.judge import Judgement
from selfaudit.analysis.severity import SeverityPolicy

_KEYS = {"concern", "severity", "score", "timing", "explanation", "action", "pack"}


def _politics(score: float = 0.8) -> Judgement:
    return Judgement(concern="partisan-politics", score=score, triggers=("vote for",), exemplar="Vote Sunrise!",
                     reason="This post looks like partisan politics.")


def test_post_finding_shape_and_rules(mini_pack) -> None:
    policy = SeverityPolicy.from_pack(mini_pack.severity)
    f = post_finding(_politics(), mini_pack, timing="post-appointment", kind="original", affiliated=True, policy=policy)
    assert set(f) == _KEYS | {"certainty"}
    assert f["severity"] == "high" and f["certainty"] == "strong" and f["action"] == "delete" and f["pack"] == mini_pack.id
    assert f["explanation"] == {"reason": "This post looks like partisan politics.", "triggers": ["vote for"],
                                "exemplar": "Vote Sunrise!", "evidence": []}


def test_post_finding_timing_kind_and_certainty(mini_pack) -> None:
    policy = SeverityPolicy.from_pack(mini_pack.severity)
    old = post_finding(_politics(), mini_pack, timing="pre-appointment", kind="like", affiliated=False, policy=policy)
    assert old["severity"] == "medium" and old["action"] == "unlike" and old["timing"] == "pre-appointment"
    weak = post_finding(_politics(0.55), mini_pack, timing=None, kind="repost", affiliated=False, policy=policy)
    assert weak["certainty"] == "possible" and weak["severity"] == "medium" and weak["action"] == "delete"


def test_account_finding_takes_severity_and_action_from_the_pack(mini_pack) -> None:
    f = account_finding(AccountFinding("un-affiliation", 0.9, "Bio says UNDP.", ("UNDP",)), mini_pack)
    assert set(f) == _KEYS
    assert (f["severity"], f["action"], f["timing"], f["pack"]) == ("info", "keep", None, mini_pack.id)
    assert f["explanation"]["evidence"] == ["UNDP"] and f["explanation"]["reason"] == "Bio says UNDP."

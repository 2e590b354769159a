"""Finding dicts: one judgement (post or account) in the shape the store keeps and the report reads.

The shape is ``docs/architecture.md``'s finding, minus the ``post_id``/``account_id`` the
caller adds: concern, severity, score, timing, explanation, action, pack. Severity and
remedy come from ``selfaudit.analysis.severity`` and the pack, so the store, ``classify``
and ``check`` all see the same values for the same judgement.
"""

from __future__ import annotations

from typing import Any

from selfaudit.analysis.accounts import AccountFinding
from selfaudit.analysis.judge import Judgement
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.severity import SeverityPolicy, action_for, certainty, severity_for

__all__ = ["account_finding", "post_finding"]


def post_finding(
    j: Judgement, pack: Pack, *, timing: str | None, kind: str | None, affiliated: bool, policy: SeverityPolicy
) -> dict[str, Any]:
    """A finding dict for one post judgement.

    Args:
        j: the judgement.
        pack: the pack the judgement was made against (severity base, action, id).
        timing: ``pre-appointment``/``post-appointment``, or None when unknown.
        kind: the post kind (a like is un-liked, a repost undone...).
        affiliated: the account shows UN affiliation.
        policy: which concerns escape the timing rules.
    """
    concern = pack.concern(j.concern)
    severity = severity_for(j.concern, base=concern.severity_base, timing=timing, affiliated=affiliated, policy=policy,
                            score=j.score)
    return {
        "concern": j.concern,
        "severity": severity,
        "score": j.score,
        "certainty": certainty(j.score),
        "timing": timing,
        "explanation": {"reason": j.reason, "triggers": list(j.triggers), "exemplar": j.exemplar, "evidence": list(j.evidence)},
        "action": action_for(concern.action, kind=kind, severity=severity),
        "pack": pack.id,
    }


def account_finding(f: AccountFinding, pack: Pack) -> dict[str, Any]:
    """A finding dict for one account judgement (severity and action from the pack)."""
    concern = pack.concern(f.concern)
    return {
        "concern": f.concern,
        "severity": concern.severity_base,
        "score": f.score,
        "timing": None,
        "explanation": {"reason": f.reason, "triggers": [], "exemplar": "", "evidence": list(f.evidence)},
        "action": concern.action,
        "pack": pack.id,
    }

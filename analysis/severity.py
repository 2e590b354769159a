"""Severity and remediation of a post finding.

The rule (``../shared/concerns.md`` sets the floor; this is what we apply):

1. Start from the concern's ``severity_base`` in the pack.
2. Concerns in ``always_high`` (UN pack: ``confidential-info``, ``security-risk``)
   are ``high`` in any timing and for any kind.
3. A **pre-appointment** post is one step below its base and never above
   ``medium``, except concerns in ``pre_appointment_exempt`` (UN pack:
   ``security-risk``, ``privacy-of-others``, ``offensive-conduct``), which keep
   their base: harm to other people does not age.
4. A **post-appointment** post on an account that shows UN affiliation is never
   below ``medium`` (the affiliation makes it the Organization's problem).
5. Unknown timing (no appointment date given) keeps the base.
6. Certainty caps severity: a finding whose calibrated score is below
   ``STRONG_AT`` is a *possible* match ("worth a look") and never above
   ``medium``, whatever the concern; only *strong* matches can be ``high``.
7. Kind does not lower severity: reposts, quotes and likes are endorsements and
   weigh like the person's own post; only the remedy differs (``unlike`` a like,
   undo a repost, ``edit`` a web page).

A pack may override the two sets with a top-level ``severity`` mapping
(``always_high: [...]``, ``pre_appointment_exempt: [...]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["POST_APPOINTMENT", "PRE_APPOINTMENT", "STRONG_AT", "TIMINGS", "SeverityPolicy", "action_for", "certainty",
           "severity_for", "timing_of"]

LEVELS = ("info", "low", "medium", "high")
# Calibrated scores: >= 0.5 is a finding at all (the judge's FLAG_AT), >= STRONG_AT is a strong match
# that belongs in the report's main list; between the two is a possible match, "worth a look".
STRONG_AT = 0.6
UN_ALWAYS_HIGH = ("confidential-info", "security-risk")
UN_PRE_EXEMPT = ("security-risk", "privacy-of-others", "offensive-conduct")
# The one timing rule (``timing_of``); the report labels these and reads them from here.
PRE_APPOINTMENT = "pre-appointment"
POST_APPOINTMENT = "post-appointment"
TIMINGS = (PRE_APPOINTMENT, POST_APPOINTMENT)


@dataclass(frozen=True)
class SeverityPolicy:
    """Which concerns escape the timing rules."""

    always_high: frozenset[str] = frozenset(UN_ALWAYS_HIGH)
    pre_appointment_exempt: frozenset[str] = frozenset(UN_PRE_EXEMPT)

    @classmethod
    def from_pack(cls, overrides: Mapping[str, Sequence[str]]) -> SeverityPolicy:
        return cls(
            always_high=frozenset(overrides.get("always_high", UN_ALWAYS_HIGH)),
            pre_appointment_exempt=frozenset(overrides.get("pre_appointment_exempt", UN_PRE_EXEMPT)),
        )


def timing_of(created_at: str | dt.date | None, appointment: dt.date | None) -> str | None:
    """``pre-appointment``/``post-appointment`` from a post date, or None when either is unknown.

    A post made on the appointment day counts as post-appointment. The one place this rule
    lives: the pipeline, ``classify`` and the report all call it.
    """
    if appointment is None or not created_at:
        return None
    if isinstance(created_at, dt.datetime):
        day = created_at.date()
    elif isinstance(created_at, dt.date):
        day = created_at
    else:
        try:
            day = dt.date.fromisoformat(str(created_at)[:10])
        except ValueError:
            return None
    return PRE_APPOINTMENT if day < appointment else POST_APPOINTMENT


def severity_for(
    concern: str,
    *,
    base: str,
    timing: str | None,
    affiliated: bool,
    policy: SeverityPolicy | None = None,
    score: float | None = None,
) -> str:
    """Severity of one post finding (rules in the module docstring)."""
    policy = policy or SeverityPolicy()
    if score is not None and score < STRONG_AT:
        return min(severity_for(concern, base=base, timing=timing, affiliated=affiliated, policy=policy),
                   "medium", key=LEVELS.index)
    if concern in policy.always_high:
        return "high"
    level = LEVELS.index(base)
    if timing == PRE_APPOINTMENT and concern not in policy.pre_appointment_exempt:
        level = min(max(level - 1, 0), LEVELS.index("medium"))
    elif timing == POST_APPOINTMENT and affiliated:
        level = max(level, LEVELS.index("medium"))
    return LEVELS[level]


def certainty(score: float) -> str:
    """``strong`` (main list) or ``possible`` (worth a look) for a calibrated score."""
    return "strong" if score >= STRONG_AT else "possible"


def action_for(action: str, *, kind: str | None, severity: str) -> str:
    """Remedy for a finding: the concern's action, adapted to the kind of post."""
    if severity == "info" or action in ("keep", "review"):
        return action if severity != "info" else "keep"
    if kind == "like":
        return "unlike"
    if kind == "repost":
        return "delete"
    if kind == "page" and action == "delete":
        return "edit"
    return action

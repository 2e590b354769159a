"""The JSONL adapters behind ``classify`` and ``check``: input lines in, flagged concerns out.

Nothing here touches the store: each line is judged as it comes, with the same judge,
finding dicts and account rules as ``analyze`` (``selfaudit.analysis.pipeline``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from selfaudit.analysis.account_view import account_view, organisation
from selfaudit.analysis.accounts import judge_account
from selfaudit.analysis.findings import account_finding, post_finding
from selfaudit.analysis.judge import PostJudge
from selfaudit.analysis.longtext import judge_capped
from selfaudit.analysis.rules import infer_kind
from selfaudit.analysis.severity import SeverityPolicy, timing_of

__all__ = ["classify_post_lines", "classify_profile_lines"]


def _flagged(findings: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One output entry per finding; ``list`` says which of the report's two lists it would join
    (``main``, or ``worth-a-look`` for a possible match), so a script can keep only the main list."""
    return [{"id": f["concern"], "score": round(float(f["score"]), 3), "severity": f["severity"],
             "list": "worth-a-look" if f.get("certainty") == "possible" else "main",
             "reason": f["explanation"]["reason"]} for f in findings]


def classify_post_lines(
    records: list[Mapping[str, Any]], judge: PostJudge, *, appointment_date: dt.date | None
) -> Iterator[dict[str, Any]]:
    """``{"id", "concerns": [...]}`` per input post (only flagged concerns; labels ignored).

    Args:
        records: post lines (``id``, ``text``, optional ``kind`` and ``created_at``).
        judge: a ready judge.
        appointment_date: sets each post's timing (None: unknown).
    """
    policy = SeverityPolicy.from_pack(judge.pack.severity)
    texts = [str(r.get("text") or "") for r in records]
    kinds = [infer_kind(t, r.get("kind")) for t, r in zip(texts, records, strict=True)]
    for record, kind, judged in zip(records, kinds, judge_capped(judge, texts, kinds=list(kinds)), strict=True):
        timing = timing_of(record.get("created_at"), appointment_date)
        yield {"id": record.get("id"),
               "concerns": _flagged(post_finding(j, judge.pack, timing=timing, kind=kind, affiliated=False, policy=policy)
                                    for j in judged)}


def classify_profile_lines(records: list[Mapping[str, Any]], judge: PostJudge) -> Iterator[dict[str, Any]]:
    """Account concerns per input profile line (``dev_profiles.jsonl`` shape).

    Args:
        records: profile lines (``id``, ``platform``, ``handle``, ``display_name``, ``bio``, ``links``,
            ``email``, ``posts`` [{``text``, ``kind``}]).
        judge: a ready judge (the posts' concerns feed the account rules).
    """
    all_texts = [str(p.get("text") or "") for r in records for p in r.get("posts") or []]
    judged = iter(judge_capped(judge, all_texts))
    for record in records:
        posts = [{"id": i, "text": str(p.get("text") or ""), "kind": infer_kind(str(p.get("text") or ""), p.get("kind")),
                  "media_alt": []} for i, p in enumerate(record.get("posts") or [])]
        concerns = {i: frozenset(j.concern for j in next(judged)) for i in range(len(posts))}
        profile = {"platform": record.get("platform"), "handle": record.get("handle"), "display_name": record.get("display_name"),
                   "bio": record.get("bio"), "links": record.get("links") or [], "email": record.get("email")}
        found = [account_finding(f, judge.pack)
                 for f in judge_account(account_view(profile, posts, concerns), org=organisation(judge.pack))]
        yield {"id": record.get("id"), "concerns": _flagged(found)}

"""The analysis pipeline: store in, findings out (the JSONL ``classify`` path is ``selfaudit.analysis.classify``).

Only new or changed posts are judged (content hash per pack), unless ``all_posts``
or the judging setup changed since the last run (pack digest, embedder, heads
version, or which accounts show UN affiliation). Embeddings go through the
store's cache, so a re-run over unchanged posts embeds nothing. A (post, concern)
the user dismissed is not raised again while the post's text is the same.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfaudit.analysis.account_view import account_view, organisation, post_text
from selfaudit.analysis.accounts import judge_account
from selfaudit.analysis.embedders import CachedEmbedder, Embedder
from selfaudit.analysis.findings import account_finding, post_finding
from selfaudit.analysis.heads import HEADS_VERSION
from selfaudit.analysis.judge import Judgement, PostJudge, make_judge
from selfaudit.analysis.longtext import judge_capped
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.photos import analyze_pictures
from selfaudit.analysis.placenames import GAZETTEER_VERSION, place_evidence
from selfaudit.analysis.severity import SeverityPolicy, timing_of

from selfaudit.store import Store, current_decision

__all__ = ["AnalysisResult", "analyze"]

_CHUNK = 512


@dataclass(frozen=True)
class AnalysisResult:
    """What one ``analyze`` run did."""

    judged: int
    skipped: int
    post_findings: int
    account_findings: int
    embedded: int
    cached: int
    seconds: float
    pictures: int = 0
    media_findings: int = 0


def _signature(pack: Pack, embedder: Embedder, affiliated: set[int], appointment: dt.date | None, model: str = "") -> str:
    return json.dumps({"pack": pack.digest, "embedder": embedder.name, "heads": HEADS_VERSION, "model": model,
                       "affiliated": sorted(affiliated), "appointment": str(appointment), "places": GAZETTEER_VERSION})


def analyze(
    store: Store,
    *,
    appointment_date: dt.date | None,
    pack: Pack,
    embedder: Embedder,
    all_posts: bool = False,
    progress: Callable[[int, int], None] | None = None,
    heads_cache: Path | None = None,
    judge: PostJudge | None = None,
) -> AnalysisResult:
    """Judge the store's posts and accounts against ``pack`` and write the findings.

    Args:
        store: a writable store.
        appointment_date: sets each post's timing (None: timing unknown).
        pack: the policy pack.
        embedder: the embedding model; without ``judge``, wrapped with the store's cache and judged with.
        all_posts: re-judge every post, not only new or changed ones.
        progress: called with (done, total) after each chunk.
        heads_cache: folder for fitted heads (default: the user cache folder).
        judge: a ready judge (tests, benchmarks), used as it is: its embedder is not replaced, so
            wrap it in ``CachedEmbedder`` to use and count the store's cache; built from pack and
            embedder otherwise.
    """
    started = time.perf_counter()
    if judge is None:
        judge = make_judge(pack, CachedEmbedder(embedder, store), cache_dir=heads_cache)
    cached = judge.embedder if isinstance(judge.embedder, CachedEmbedder) else None
    hits, misses = (cached.hits, cached.misses) if cached else (0, 0)
    policy = SeverityPolicy.from_pack(pack.severity)

    profiles = {int(p["account_id"]): p for p in store.latest_profiles()}
    posts = list(store.iter_posts())
    by_account: dict[int, list[Mapping[str, Any]]] = {}
    for post in posts:
        by_account.setdefault(int(post["account_id"]), []).append(post)
    affiliated = {
        aid for aid, prof in profiles.items()
        if any(f.concern == "un-affiliation"
               for f in judge_account(account_view(prof, by_account.get(aid, []), {}, pages_only=True),
                                      org=organisation(pack)))
    }
    signature = _signature(pack, judge.embedder, affiliated, appointment_date, judge.heads.model_id)
    last_ok = next((r for r in store.runs(kind="analyze") if r.get("status") == "ok"), None)  # newest first
    if last_ok is None or last_ok.get("detail") != signature:
        all_posts = True
    run_id = store.start_run("analyze", detail=signature)
    try:
        total, n_findings, n_accounts = _judge_store(
            store, judge, pack, posts, profiles, by_account, affiliated,
            all_posts=all_posts, appointment_date=appointment_date, policy=policy, progress=progress)
        pictures, n_media = analyze_pictures(store, posts, pack=pack, judge=judge, appointment_date=appointment_date,
                                             affiliated=affiliated.__contains__)
    except BaseException:
        store.finish_run(run_id, status="error")
        raise
    store.finish_run(run_id)
    return AnalysisResult(
        judged=total,
        skipped=len(posts) - total,
        post_findings=n_findings,
        account_findings=n_accounts,
        embedded=cached.misses - misses if cached else 0,
        cached=cached.hits - hits if cached else 0,
        seconds=time.perf_counter() - started,
        pictures=pictures,
        media_findings=n_media,
    )


def _judge_store(
    store: Store,
    judge: PostJudge,
    pack: Pack,
    posts: list[dict[str, Any]],
    profiles: Mapping[int, Mapping[str, Any]],
    by_account: Mapping[int, list[Mapping[str, Any]]],
    affiliated: set[int],
    *,
    all_posts: bool,
    appointment_date: dt.date | None,
    policy: SeverityPolicy,
    progress: Callable[[int, int], None] | None,
) -> tuple[int, int, int]:
    """Judge the new or changed posts, then every account; returns (judged, post findings, account findings)."""
    done = {} if all_posts else store.analyzed_hashes(pack.id)
    todo = [p for p in posts if done.get(int(p["id"])) != p["content_hash"]]
    decisions = store.decisions()
    total = len(todo)
    n_findings = 0
    for start in range(0, total, _CHUNK):
        chunk = todo[start : start + _CHUNK]
        texts = [post_text(p) for p in chunk]
        live = [i for i, t in enumerate(texts) if t]
        judged = judge_capped(judge, [texts[i] for i in live], kinds=[chunk[i]["kind"] for i in live])
        by_row: dict[int, list[Judgement]] = {i: js for i, js in zip(live, judged, strict=True)}
        results: dict[int, tuple[str, list[Mapping[str, Any]]]] = {}
        for i, post in enumerate(chunk):
            timing = timing_of(post.get("created_at"), appointment_date)
            aff = int(post["account_id"]) in affiliated
            found = [post_finding(j, pack, timing=timing, kind=post["kind"], affiliated=aff, policy=policy)
                     for j in by_row.get(i, []) if not _dismissed({**post, "post_id": post["id"], "concern": j.concern}, decisions)]
            for f in found:  # a town the text names is evidence for a risk already found, never a finding itself
                if f["concern"] == "security-risk" and (named := place_evidence(texts[i])):
                    f["explanation"].update(named)
            n_findings += len(found)
            results[int(post["id"])] = (post["content_hash"], found)
        store.replace_post_findings(pack.id, results)
        if progress:
            progress(min(start + _CHUNK, total), total)

    post_concerns: dict[int, set[str]] = {}
    for f in store.findings(pack=pack.id):
        if f.get("post_id"):
            post_concerns.setdefault(int(f["post_id"]), set()).add(f["concern"])
    frozen = {k: frozenset(v) for k, v in post_concerns.items()}
    account_rows: list[dict[str, Any]] = []
    for aid, prof in profiles.items():
        for f in judge_account(account_view(prof, by_account.get(aid, []), frozen), org=organisation(pack)):
            if not _dismissed({"post_id": None, "platform": prof.get("platform"), "account": prof.get("account"),
                               "concern": f.concern}, decisions):
                account_rows.append({**account_finding(f, pack), "account_id": aid})
    store.replace_account_findings(pack.id, account_rows)
    return total, n_findings, len(account_rows)


def _dismissed(finding: Mapping[str, Any], decisions: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether the user dismissed this (post or account, concern) and the post's text is unchanged since."""
    decision = current_decision(finding, decisions)
    return decision is not None and decision["action"] == "dismiss"

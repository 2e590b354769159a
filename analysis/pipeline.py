"""The analysis pipeline: store in, findings out; and the JSONL ``classify`` path.

Only new or changed posts are judged (content hash per pack), unless ``all_posts``
or the judging setup changed since the last run (pack digest, embedder, heads
version, or which accounts show UN affiliation). Embeddings go through the
store's cache, so a re-run over unchanged posts embeds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfaudit.analysis.accounts import AccountFinding, AccountView, Organisation, judge_account
from selfaudit.analysis.embedders import CachedEmbedder, Embedder
from selfaudit.analysis.heads import HEADS_VERSION
from selfaudit.analysis.judge import Judgement, PostJudge
from selfaudit.analysis.longtext import judge_capped
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.photos import analyze_pictures
from selfaudit.analysis.rules import infer_kind
from selfaudit.analysis.severity import SeverityPolicy, action_for, certainty, severity_for, timing_of

from selfaudit.store import Store

__all__ = [
    "AnalysisResult",
    "account_finding",
    "analyze",
    "classify_post_lines",
    "classify_profile_lines",
    "post_finding",
]

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


def post_finding(
    j: Judgement, pack: Pack, *, timing: str | None, kind: str | None, affiliated: bool, policy: SeverityPolicy
) -> dict[str, Any]:
    """A finding dict (architecture.md shape, minus ``post_id``) for one judgement."""
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


def _org(pack: Pack) -> Organisation:
    """The pack's own organisation names and e-mail domains, for the account rules."""
    return Organisation(names=pack.organisation_names, domains=pack.organisation_domains)


def _post_text(post: Mapping[str, Any]) -> str:
    alts = [a for a in post.get("media_alt") or [] if a]
    return "\n".join([post.get("text") or "", *alts]).strip()


def _view(
    profile: Mapping[str, Any], posts: list[Mapping[str, Any]], concerns: Mapping[int, frozenset[str]], *, pages_only: bool = False
) -> AccountView:
    if pages_only:
        posts = [p for p in posts if p.get("kind") == "page"]
    extra = profile.get("extra") if isinstance(profile.get("extra"), Mapping) else {}
    fields = [f"{f.get('name', '')}: {f.get('value', '')}" for f in extra.get("fields") or [] if isinstance(f, Mapping)]
    emails = [profile.get("email"), *(e for e in extra.get("emails") or [] if isinstance(e, str))]
    return AccountView(
        platform=str(profile.get("platform") or ""),
        handle=str(profile.get("account") or profile.get("handle") or ""),
        display_name=profile.get("display_name") or "",
        bio="\n".join([profile.get("bio") or "", *fields]).strip(),  # profile fields are shown like the bio
        links=tuple(profile.get("links") or ()),
        email=" ".join(e for e in emails if e) or None,  # archives may list several addresses
        pages=tuple(_post_text(p) for p in posts if p.get("kind") == "page"),
        posts=tuple(_post_text(p) for p in posts),
        post_concerns=tuple(concerns.get(int(p["id"]), frozenset()) for p in posts),
    )


def _signature(pack: Pack, embedder: Embedder, affiliated: set[int], appointment: dt.date | None, model: str = "") -> str:
    return json.dumps({"pack": pack.digest, "embedder": embedder.name, "heads": HEADS_VERSION, "model": model,
                       "affiliated": sorted(affiliated), "appointment": str(appointment)})


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
        embedder: the embedding model (wrapped with the store's cache here).
        all_posts: re-judge every post, not only new or changed ones.
        progress: called with (done, total) after each chunk.
        heads_cache: folder for fitted heads (default: the user cache folder).
        judge: a ready judge (tests, benchmarks); built from pack and embedder otherwise.
    """
    started = time.perf_counter()
    cached = CachedEmbedder(embedder, store)
    judge = judge or PostJudge(pack, cached, cache_dir=heads_cache)
    judge.embedder = cached
    policy = SeverityPolicy.from_pack(pack.severity)

    profiles = {int(p["account_id"]): p for p in store.latest_profiles()}
    posts = list(store.iter_posts())
    by_account: dict[int, list[Mapping[str, Any]]] = {}
    for post in posts:
        by_account.setdefault(int(post["account_id"]), []).append(post)
    affiliated = {
        aid for aid, prof in profiles.items()
        if any(f.concern == "un-affiliation"
               for f in judge_account(_view(prof, by_account.get(aid, []), {}, pages_only=True), org=_org(pack)))
    }
    signature = _signature(pack, embedder, affiliated, appointment_date, judge.heads.model_id)
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
        embedded=cached.misses,
        cached=cached.hits,
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
    total = len(todo)
    n_findings = 0
    for start in range(0, total, _CHUNK):
        chunk = todo[start : start + _CHUNK]
        texts = [_post_text(p) for p in chunk]
        live = [i for i, t in enumerate(texts) if t]
        judged = judge_capped(judge, [texts[i] for i in live], kinds=[chunk[i]["kind"] for i in live])
        by_row: dict[int, list[Judgement]] = {i: js for i, js in zip(live, judged, strict=True)}
        results: dict[int, tuple[str, list[Mapping[str, Any]]]] = {}
        for i, post in enumerate(chunk):
            timing = timing_of(post.get("created_at"), appointment_date)
            aff = int(post["account_id"]) in affiliated
            found = [post_finding(j, pack, timing=timing, kind=post["kind"], affiliated=aff, policy=policy)
                     for j in by_row.get(i, [])]
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
        for f in judge_account(_view(prof, by_account.get(aid, []), frozen), org=_org(pack)):
            account_rows.append({**account_finding(f, pack), "account_id": aid})
    store.replace_account_findings(pack.id, account_rows)
    return total, n_findings, len(account_rows)


def _flagged(findings: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": f["concern"], "score": round(float(f["score"]), 3), "severity": f["severity"],
             "reason": f["explanation"]["reason"]} for f in findings]


def classify_post_lines(
    records: list[Mapping[str, Any]], judge: PostJudge, *, appointment_date: dt.date | None
) -> Iterator[dict[str, Any]]:
    """``{"id", "concerns": [...]}`` per input post (only flagged concerns; labels ignored)."""
    policy = SeverityPolicy.from_pack(judge.pack.severity)
    texts = [str(r.get("text") or "") for r in records]
    kinds = [infer_kind(t, r.get("kind")) for t, r in zip(texts, records, strict=True)]
    for record, kind, judged in zip(records, kinds, judge_capped(judge, texts, kinds=list(kinds)), strict=True):
        timing = timing_of(record.get("created_at"), appointment_date)
        yield {"id": record.get("id"),
               "concerns": _flagged(post_finding(j, judge.pack, timing=timing, kind=kind, affiliated=False, policy=policy)
                                    for j in judged)}


def classify_profile_lines(records: list[Mapping[str, Any]], judge: PostJudge) -> Iterator[dict[str, Any]]:
    """Account concerns per input profile line (``dev_profiles.jsonl`` shape)."""
    all_texts = [str(p.get("text") or "") for r in records for p in r.get("posts") or []]
    judged = iter(judge_capped(judge, all_texts))
    for record in records:
        posts = [{"id": i, "text": str(p.get("text") or ""), "kind": infer_kind(str(p.get("text") or ""), p.get("kind")),
                  "media_alt": []} for i, p in enumerate(record.get("posts") or [])]
        concerns = {i: frozenset(j.concern for j in next(judged)) for i in range(len(posts))}
        profile = {"platform": record.get("platform"), "handle": record.get("handle"), "display_name": record.get("display_name"),
                   "bio": record.get("bio"), "links": record.get("links") or [], "email": record.get("email")}
        found = [account_finding(f, judge.pack) for f in judge_account(_view(profile, posts, concerns), org=_org(judge.pack))]
        yield {"id": record.get("id"), "concerns": _flagged(found)}

"""Run ``verify`` in the crawl child: the same Scrapy settings, politeness and URL policy as a crawl.

The parent opens a ``verify`` run, writes the plans, starts the child with the
``verify`` spider (whose pipeline records each answer in the store as it comes)
and then reads the run's answers back from the store for the summary.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfaudit.crawler.parsers.verify import VerifyPlan
from selfaudit.crawler.runner import run_child

from selfaudit.config import Settings
from selfaudit.store import Store
from selfaudit.urlpolicy import names_loopback

__all__ = ["VerifyOutcome", "run_verify"]


@dataclass(slots=True)
class VerifyOutcome:
    """What one verify run learnt."""

    run_id: int
    status: str = "ok"
    checked: int = 0
    gone: int = 0
    present: int = 0
    edited: int = 0
    unknown: int = 0
    skipped: int = 0
    copies: int = 0
    unchecked: int = 0
    details: list[str] = field(default_factory=list)


def run_verify(settings: Settings, plans: Sequence[VerifyPlan], *, fast: bool | None = None,
               timeout: float | None = None) -> VerifyOutcome:
    """Re-check the planned posts and look up their copies; every answer lands in the store.

    Args:
        settings: resolved settings (``[crawl]`` politeness, ``[verify] wayback_url``).
        plans: what to ask per post (``crawler.parsers.verify.plan_for``).
        fast: lift the polite delays (only for one's own test servers).
        timeout: seconds before the child is killed (None: no limit).
    """
    from selfaudit.crawler.settings import scrapy_settings

    with Store.open(settings.db_path) as store:
        run_id = store.start_run("verify", detail=f"{len(plans)} posts")
        named = [u for a in store.accounts() for u in (a.get("service_url"), a.get("spec"), a.get("handle"))]
    outcome = VerifyOutcome(run_id=run_id, skipped=sum(1 for p in plans if p.target is None))
    asks = [p for p in plans if p.target is not None or p.lookups]
    if not asks:
        with Store.open(settings.db_path) as store:
            store.finish_run(run_id, status="ok")
        return outcome
    scrapy = scrapy_settings(settings, fast=fast, run_id=run_id)
    # the stored accounts were named by the user (a loopback server only for the sandbox and tests)
    scrapy["SELFAUDIT_ALLOW_LOOPBACK"] = bool(scrapy["SELFAUDIT_ALLOW_LOOPBACK"]) or names_loopback(named)
    with tempfile.TemporaryDirectory(prefix="selfaudit-verify-plans-") as tmp:
        plans_path = Path(tmp) / "plans.json"
        plans_path.write_text(json.dumps([p.as_job() for p in asks]), encoding="utf-8")
        job: dict[str, Any] = {"settings": scrapy, "biolinks": None, "jobs": [
            {"spider": "verify", "handle": "verify",
             "args": {"plans": str(plans_path), "wayback": settings.verify.wayback_url}}]}
        results, code, tail = run_child(settings, job, run_id=run_id, what="verify", timeout=timeout)
    with Store.open(settings.db_path) as store:
        _count(store, run_id, outcome)
        if not results or results[0].get("failure") or code != 0:
            last = tail.strip().splitlines()[-1:] or ["no output"]
            outcome.details.insert(0, f"the verify process failed (exit {code}): {last[0][:200]}")
            outcome.status = "failed"
        elif outcome.unknown or outcome.unchecked:
            outcome.status = "partial"
        store.finish_run(run_id, status=outcome.status)
    return outcome


def _count(store: Store, run_id: int, outcome: VerifyOutcome) -> None:
    """Fill the outcome's counts from the answers the run recorded."""
    def name(post_id: int) -> str:
        post = store.post(post_id) or {}
        return str(post.get("url") or post.get("native_id") or post_id)

    for v in store.verifications():
        if v.get("run_id") != run_id:
            continue
        outcome.checked += 1
        if v["status"] == "gone":
            outcome.gone += 1
        elif v["status"] == "present":
            outcome.present += 1
            outcome.edited += 1 if v.get("edited") else 0
        else:
            outcome.unknown += 1
            outcome.details.append(f"{name(int(v['post_id']))}: unknown ({v.get('detail') or 'no answer'})")
    for row in store.copies(run_id=run_id):
        if not row["checked"]:
            outcome.unchecked += 1
            outcome.details.append(f"{row['about']}: {row['source']} {row.get('detail') or 'could not check'}")
        elif row["url"]:
            outcome.copies += 1

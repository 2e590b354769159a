"""Crawl the sandbox persona end to end and compare the store with the sandbox's truth."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from selfaudit.crawler.runner import build_job, run_crawl
from selfaudit.sandbox.faults import FaultConfig
from selfaudit.sandbox.persona import build_persona
from selfaudit.sandbox.server import Sandbox

from selfaudit.store import Store
from tests.crawler.e2e.conftest import compare_with_truth, sandbox_settings

ROOT = Path(__file__).resolve().parents[3]


def test_every_item_stored_once_with_kind_date_text(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = sandbox_settings(sandbox, tmp_path)
    outcome = run_crawl(settings, fast=True)
    assert compare_with_truth(sandbox, settings.db_path) == []
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    lines = {(a.platform, a.handle): a for a in outcome.accounts}
    talia = lines[("mastodon", f"talia@127.0.0.1:{sandbox.port}")]
    assert talia.items > 100 and talia.first_at and talia.last_at and not talia.errors


def test_faults_change_nothing(flaky_sandbox: Sandbox, tmp_path: Path) -> None:
    settings = sandbox_settings(flaky_sandbox, tmp_path)
    outcome = run_crawl(settings, fast=True)
    kinds = {kind for kind, _ in flaky_sandbox.injected()}
    assert {"500", "429", "malformed", "repeat-cursor"} <= kinds
    assert compare_with_truth(flaky_sandbox, settings.db_path) == []
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    with Store.open(settings.db_path) as store:
        hostile = next(p for p in store.iter_posts() if p["native_id"].endswith("/blog/hostile/"))
    assert "Totally normal page" in hostile["text"] and "pwned" not in hostile["text"]
    assert "alert" not in hostile["text"] and hostile["html"] is None
    assert all(link.startswith("http") for link in hostile["extra"]["links"])


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    # every answer a little slow, so that the kill lands in the middle of the crawl
    with Sandbox(port=0, persona=build_persona(seed=7), faults=FaultConfig(slow_rate=1.0, slow_s=0.03)) as sandbox:
        _kill_and_resume(sandbox, tmp_path)


def _kill_and_resume(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = sandbox_settings(sandbox, tmp_path, bio_link_hops=0)
    with Store.open(settings.db_path) as store:
        run_id = store.start_run("crawl")
    job = build_job(settings, fast=True, full=False, run_id=run_id, accounts=settings.accounts)
    job["settings"]["SELFAUDIT_COMMIT_EVERY"] = 20
    job["settings"]["CONCURRENT_REQUESTS_PER_DOMAIN"] = 1
    (tmp_path / "job.json").write_text(json.dumps(job))
    child = subprocess.Popen([sys.executable, "-m", "selfaudit.crawler.child", str(tmp_path / "job.json")], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    try:
        for _ in range(600):  # bounded: at most ~60 s
            with Store.open(settings.db_path) as store:
                stored = len(list(store.iter_posts()))
            if stored >= 150 or child.poll() is not None:
                break
            time.sleep(0.1)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert 0 < stored < len(sandbox.truth()["items"]), "the crawl was not killed halfway"
    outcome = run_crawl(settings, fast=True)
    assert compare_with_truth(sandbox, settings.db_path, bio_links=False) == []
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]


def test_incremental_recrawl_and_gone(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = sandbox_settings(sandbox, tmp_path, bio_link_hops=0)
    run_crawl(settings, fast=True)
    before = len(sandbox.log)
    run_crawl(settings, fast=True)
    quiet_requests = len(sandbox.log) - before
    assert quiet_requests < 80, f"a no-change re-crawl made {quiet_requests} requests"
    gone_keys = sandbox.next_generation()
    outcome = run_crawl(settings, fast=True, full=True)
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    assert compare_with_truth(sandbox, settings.db_path, bio_links=False) == []
    from selfaudit.sandbox.truth import native_id

    gone_ids = {native_id(sandbox.persona, sandbox.persona.items[k], sandbox.base_url) for k in gone_keys}
    with Store.open(settings.db_path) as store:
        marked = {p["native_id"] for p in store.iter_posts() if p["gone_at"]}
    assert marked == gone_ids

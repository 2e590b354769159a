"""Run a crawl from the CLI: plan the jobs, start the child process, collect the outcome.

The parent never imports Scrapy or Twisted; it writes a job file, starts
``python -m selfaudit.crawler.child`` and reads JSON lines back. The store holds the
result (posts, the crawl run and one status row per account), and failures
are read from the spiders' stats, not from an exit code.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from selfaudit.config import Settings
from selfaudit.errors import CrawlError
from selfaudit.handles import HandleSpec
from selfaudit.platforms import split_closed
from selfaudit.store import Store

__all__ = ["AccountOutcome", "CrawlOutcome", "build_job", "run_child", "run_crawl"]

ProgressFn = Callable[[str, int], None]


@dataclass(slots=True)
class AccountOutcome:
    """One account's status line."""

    platform: str
    handle: str
    status: str
    items: int = 0
    first_at: str | None = None
    last_at: str | None = None
    errors: list[str] = field(default_factory=list)
    full_pass: bool = False

    def line(self) -> str:
        span = f"{(self.first_at or '?')[:10]} .. {(self.last_at or '?')[:10]}" if self.first_at else "no dates"
        errs = f", {len(self.errors)} error(s): {self.errors[0]}" if self.errors else ""
        return f"{self.platform}:{self.handle}: {self.status}, {self.items} items, {span}{errs}"


@dataclass(slots=True)
class CrawlOutcome:
    """What a crawl did: the run id, per-account outcomes and the raw spider stats."""

    run_id: int
    status: str
    accounts: list[AccountOutcome]
    spider_stats: list[dict[str, Any]]
    returncode: int
    linked: list[AccountOutcome] = field(default_factory=list)
    """Sites read only because an account links to them (bio links): context, never accounts of their own."""


def build_job(settings: Settings, *, fast: bool | None, full: bool, run_id: int,
              accounts: tuple[HandleSpec, ...]) -> dict[str, Any]:
    """The child's job file: Scrapy settings plus one spider job per account."""
    from selfaudit.crawler.settings import scrapy_settings

    jobs = [{"spider": spec.platform, "handle": spec.raw or _spec_text(spec)} for spec in accounts]
    owners = [[spec.platform, spec.handle] for spec in accounts if spec.platform != "web"]
    skip = [spec.url or spec.handle for spec in accounts if spec.platform == "web"]
    biolinks = {"accounts": owners, "skip": skip} if owners and settings.crawl.bio_link_hops > 0 else None
    pictures = [[spec.platform, spec.handle] for spec in accounts if spec.platform in ("mastodon", "bluesky", "web")]
    return {"settings": scrapy_settings(settings, fast=fast, full=full, run_id=run_id), "jobs": jobs,
            "biolinks": biolinks, "media": {"accounts": pictures} if pictures else None}


def _spec_text(spec: HandleSpec) -> str:
    if spec.platform == "mastodon":
        return f"mastodon:@{spec.handle}" + (f"@{spec.service_url}" if spec.service_url else "")
    if spec.platform == "bluesky":
        return f"bsky:{spec.handle}" + (f"@{spec.service_url}" if spec.service_url else "")
    return spec.url or spec.handle


def run_crawl(settings: Settings, *, fast: bool | None = None, full: bool = False,
              progress: ProgressFn | None = None, timeout: float | None = None) -> CrawlOutcome:
    """Crawl every configured account in a child process and record the run.

    Args:
        settings: resolved settings; ``settings.accounts`` are crawled, except the closed
            platforms' (X, Instagram...), which only their archives can cover.
        fast: lift polite delays (``--fast``); default from the config.
        full: force a full pass (re-reads everything and marks vanished posts gone).
        progress: called with ``(account, items so far)`` as the child reports.
        timeout: seconds before the child is killed (None: no limit).

    Raises:
        CrawlError: when there is nothing to crawl or the child cannot start.
    """
    settings = replace(settings, accounts=tuple(split_closed(settings.accounts)[0]))  # closed ones: archives only
    if not settings.accounts:
        raise CrawlError("no accounts to crawl: add them to selfaudit.toml or name them on the command line")
    with Store.open(settings.db_path) as store:
        run_id = store.start_run("crawl", detail=json.dumps([str(a) for a in settings.accounts]))
        for spec in settings.accounts:
            store.upsert_account(spec.platform, spec.handle, spec=spec.raw or None, service_url=spec.service_url)
    job = build_job(settings, fast=fast, full=full, run_id=run_id, accounts=settings.accounts)
    results, code, tail = run_child(settings, job, run_id=run_id, what="crawl", progress=progress, timeout=timeout)
    return _finish(settings, run_id, results, code, tail)


def run_child(settings: Settings, job: dict[str, Any], *, run_id: int, what: str = "crawl",
              progress: ProgressFn | None = None, timeout: float | None = None) -> tuple[list[dict[str, Any]], int, str]:
    """Run one job in the crawl child process; the one way any spider (crawl, verify) is started.

    Args:
        settings: resolved settings (the data folder holds the log ``logs/<what>-<run_id>.log``).
        job: the child's job file (``build_job``, or one naming other spiders with their ``args``).
        run_id: the store's run, marked ``interrupted`` when the child is stopped.
        what: the run's kind, for the log name and messages.
        progress: called with ``(account, items so far)`` as the child reports.
        timeout: seconds before the child is killed (None: no limit).

    Returns:
        ``(per-spider results, exit code, the log's tail)``.

    Raises:
        CrawlError: the child cannot start, or SIGTERM/SIGHUP stopped it.
    """
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix=f"selfaudit-{what}-") as tmp:
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps(job), encoding="utf-8")
        logs = settings.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        log_path = logs / f"{what}-{run_id}.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        with open(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as log:
            try:
                child = subprocess.Popen([sys.executable, "-m", "selfaudit.crawler.child", str(job_path)], stdout=subprocess.PIPE,
                                         stderr=log, env=env, cwd=root)
            except OSError as exc:
                raise CrawlError(f"cannot start the {what} process: {exc}") from None
            try:
                with _signals_raise():
                    assert child.stdout is not None
                    for raw in child.stdout:
                        try:
                            event = json.loads(raw)
                        except ValueError:
                            continue
                        if event.get("event") == "progress" and progress is not None:
                            progress(str(event["account"]), int(event["items"]))
                        elif event.get("event") == "done":
                            results = list(event.get("results") or [])
                    code = child.wait(timeout=timeout)
            except BaseException as exc:
                _stop(child)
                with Store.open(settings.db_path) as store:
                    store.finish_run(run_id, status="interrupted")
                if isinstance(exc, _Terminated):
                    raise CrawlError(f"the {what} was stopped by {exc}; what it gathered is kept and run {run_id} "
                                     f"is marked interrupted (the next {what} continues where it stopped)") from None
                raise
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    return results, code, tail


class _Terminated(BaseException):
    """SIGTERM or SIGHUP reached the CLI while its crawl child was running."""


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into an exception, so the child is stopped and the run recorded (#14)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise _Terminated(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Ask the child to stop (it closes its spiders), then kill it if it does not within seconds."""
    with contextlib.suppress(ProcessLookupError):
        child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _finish(settings: Settings, run_id: int, results: list[dict[str, Any]], code: int, log_tail: str) -> CrawlOutcome:
    by_handle: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_handle.setdefault(str(r.get("handle")), []).append(r)
    with Store.open(settings.db_path) as store:
        for spec in settings.accounts:
            runs = by_handle.get(spec.raw or _spec_text(spec)) or [None]
            problems = [p for result in runs for p in _stat_problems(result, code, log_tail)]
            row = store.run_account(run_id, spec.platform, spec.handle)
            if row is None or problems:
                errors = (row or {}).get("errors", []) + problems
                store.record_account_status(run_id, spec.platform, spec.handle, status="error" if errors else "ok",
                                            items=(row or {}).get("items", 0), errors=errors,
                                            full_pass=bool((row or {}).get("full_pass")))
        run = next(r for r in store.runs(kind="crawl") if r["id"] == run_id)
        outcomes = [AccountOutcome(platform=a["platform"], handle=a["handle"], status=a["status"], items=a["items"],
                                   first_at=a["first_at"], last_at=a["last_at"], errors=a["errors"],
                                   full_pass=bool(a["full_pass"])) for a in run["accounts"]]
        wanted = {(s.platform, s.handle) for s in settings.accounts}
        linked = [o for o in outcomes if (o.platform, o.handle) not in wanted]
        outcomes = [_only_links_failed(o) for o in outcomes if (o.platform, o.handle) in wanted]
        failed = [o for o in outcomes if o.status != "ok"]
        status = "ok" if not failed else ("failed" if len(failed) == len(wanted) else "partial")
        if code != 0 or not results:
            status = "failed" if not results else status
        store.finish_run(run_id, status=status)
    return CrawlOutcome(run_id=run_id, status=status, accounts=outcomes, spider_stats=results, returncode=code,
                        linked=linked)


_LINK_ERROR = "bio link "
"""How the bio-link spider starts the errors it records on the linking account."""


def _only_links_failed(outcome: AccountOutcome) -> AccountOutcome:
    """An account whose only errors are bio links that could not be read was itself crawled fine: ``ok``.

    The link errors stay in the line (and in the store) so the user sees them.
    """
    if outcome.status != "ok" and outcome.errors and all(e.startswith(_LINK_ERROR) for e in outcome.errors):
        outcome.status = "ok"
    return outcome


def _stat_problems(result: dict[str, Any] | None, code: int, log_tail: str) -> list[str]:
    """Failures hidden behind Scrapy's exit code, read from the spider's stats."""
    if result is None:
        last = log_tail.strip().splitlines()[-1:] or ["no output"]
        return [f"the crawl process ended (exit {code}) before this account finished: {last[0][:200]}"]
    problems = []
    if result.get("failure"):
        problems.append(f"spider failed: {result['failure']}")
    stats = result.get("stats") or {}
    for key, value in stats.items():
        if key.startswith("spider_exceptions/") and key != "spider_exceptions/count":
            problems.append(f"{value} x {key.removeprefix('spider_exceptions/')} in the spider")
    if stats.get("selfaudit/unfinished_pages"):
        problems.append(f"{stats['selfaudit/unfinished_pages']} page(s) left unfinished; the next crawl redoes them")
    if stats.get("finish_reason") not in (None, "finished"):
        problems.append(f"stopped: {stats.get('finish_reason')}")
    return problems

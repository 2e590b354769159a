"""Re-check flagged posts online and record which are gone: the clean-up loop.

Only a clear "this does not exist" counts as gone (HTTP 404/410, or Bluesky's
``RecordNotFound``); a server error, a rate limit or a timeout is recorded as an
``error`` so a flaky server never inflates the progress. Platforms that cannot be
checked without logging in (archives of X, Facebook, Instagram, LinkedIn, Threads)
are skipped, not guessed.
"""

from __future__ import annotations

import functools
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from selfaudit.reports.context import safe_link

from selfaudit.urlpolicy import names_loopback, refusal

__all__ = ["Check", "Fetch", "Target", "VerifySummary", "classify", "target_for", "urllib_fetch", "verify_posts"]

USER_AGENT = "selfaudit/0.1 (re-checking the user's own posts; offline self-audit tool)"
# fetch(url, headers, timeout) -> (HTTP status, body); raises OSError on network failure.
Fetch = Callable[[str, dict[str, str], float], tuple[int, bytes]]
_MASTODON_URI = re.compile(r"^(https?://[^/]+)/users/[^/]+/statuses/(\d+)(?:/activity)?/?$")
_AT_URI = re.compile(r"^at://([^/]+)/([^/]+)/([^/?#]+)$")
_GONE_XRPC = {"RecordNotFound", "RepoNotFound"}


@dataclass(frozen=True, slots=True)
class Target:
    """What to ask to learn whether a post still exists."""

    url: str
    mode: str  # "http" (404/410 = gone) or "xrpc" (RecordNotFound = gone)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome for one post: ``present``, ``gone`` or ``error``."""

    status: str
    http_status: int | None
    detail: str


@dataclass(slots=True)
class VerifySummary:
    """Counts of one verify run."""

    run_id: int | None = None
    checked: int = 0
    gone: int = 0
    present: int = 0
    errors: int = 0
    skipped: int = 0
    error_details: list[str] = field(default_factory=list)


def target_for(post: dict[str, Any], *, bluesky_service: str | None = None) -> Target | None:
    """Where to check ``post`` (pure); None when it cannot be checked online.

    Mastodon: the status API on its home server (``/api/v1/statuses/ID``), else the
    status page. Bluesky: ``com.atproto.repo.getRecord`` on the account's PDS (its
    ``service_url``) or the given AppView. Web: the page itself.
    """
    platform = post.get("platform")
    native = str(post.get("native_id") or "")
    if platform == "mastodon":
        m = _MASTODON_URI.match(native)
        if m:
            return Target(f"{m.group(1)}/api/v1/statuses/{m.group(2)}", "http", {"Accept": "application/json"})
        url = safe_link(post.get("url")) or safe_link(native)
        return Target(url, "http") if url else None
    if platform == "bluesky":
        m = _AT_URI.match(native)
        service = safe_link(post.get("service_url")) or safe_link(bluesky_service)
        if not m or not service:
            return None
        query = urlencode({"repo": m.group(1), "collection": m.group(2), "rkey": m.group(3)})
        return Target(f"{service.rstrip('/')}/xrpc/com.atproto.repo.getRecord?{query}", "xrpc", {"Accept": "application/json"})
    if platform == "web":
        url = safe_link(post.get("url")) or safe_link(native)
        return Target(url, "http") if url else None
    return None


def classify(status: int, body: bytes, *, mode: str) -> Check:
    """Turn an HTTP answer into present/gone/error (pure)."""
    if 200 <= status < 300:
        return Check("present", status, "")
    if status in (404, 410):
        return Check("gone", status, f"HTTP {status}")
    if mode == "xrpc" and status == 400:
        try:
            error = str(json.loads(body.decode("utf-8", "replace")).get("error", ""))
        except (ValueError, AttributeError):
            error = ""
        if error in _GONE_XRPC:
            return Check("gone", status, error)
        return Check("error", status, f"HTTP 400 {error}".strip())
    return Check("error", status, f"HTTP {status}")


class _PolicyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URL the URL policy allows (each hop is checked)."""

    def __init__(self, *, allow_loopback: bool) -> None:
        super().__init__()
        self.allow_loopback = allow_loopback

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        why = refusal(newurl, allow_loopback=self.allow_loopback)
        if why is not None:
            raise OSError(f"refused redirect to {newurl!r}: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def urllib_fetch(url: str, headers: dict[str, str], timeout: float, *,
                 allow_loopback: bool = False) -> tuple[int, bytes]:
    """GET ``url`` and return (status, first 64 KiB); the URL and every redirect pass the URL policy."""
    why = refusal(url, allow_loopback=allow_loopback) if safe_link(url) is not None else "not an http(s) link"
    if why is not None:
        raise OSError(f"refusing to fetch {url!r}: {why}")
    opener = urllib.request.build_opener(_PolicyRedirects(allow_loopback=allow_loopback))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), response.read(65536)
    except urllib.error.HTTPError as exc:
        with exc:
            return int(exc.code), exc.read(65536) if exc.fp else b""


def _check(target: Target, fetch: Fetch, timeout: float) -> Check:
    try:
        status, body = fetch(target.url, dict(target.headers), timeout)
    except TimeoutError:
        return Check("error", None, "timed out")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            return Check("error", None, "timed out")
        return Check("error", None, f"network error: {reason}"[:200])
    return classify(status, body, mode=target.mode)


def verify_posts(
    store: Any,
    *,
    posts: Iterable[dict[str, Any]] | None = None,
    fetch: Fetch | None = None,
    timeout: float = 10.0,
    delay: float = 1.0,
    bluesky_service: str | None = None,
    recheck_gone: bool = False,
    progress: Callable[[dict[str, Any], Check | None], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    allow_loopback: bool | None = None,
) -> VerifySummary:
    """Re-check every flagged post and record each answer in the store.

    Args:
        store: an open, writable ``selfaudit.store.Store``.
        posts: the posts to check (default: every flagged post, ``store.flagged_posts()``).
        fetch: the HTTP GET to use (default: ``urllib_fetch``); tests pass a fake.
        timeout: seconds per request; a timeout is an error, never "gone".
        delay: seconds between two requests to the same host (politeness).
        bluesky_service: AppView/PDS for Bluesky posts whose account has no service URL.
        recheck_gone: also re-check posts a previous run already found gone.
        progress: called after each post with the post and its check (None = skipped).
        sleep: the pause function (tests pass a no-op).
        allow_loopback: let the URL policy allow loopback targets; default: only when the store's
            accounts or ``bluesky_service`` name a loopback server (the sandbox, tests).
    """
    if allow_loopback is None:
        allow_loopback = names_loopback([bluesky_service, *(
            u for a in store.accounts() for u in (a.get("service_url"), a.get("handle"), a.get("spec")))])
    fetch = fetch or functools.partial(urllib_fetch, allow_loopback=allow_loopback)
    todo = list(posts) if posts is not None else store.flagged_posts()
    if not recheck_gone:
        gone = {v["post_id"] for v in store.verifications() if v["status"] == "gone"}
        todo = [p for p in todo if p["id"] not in gone]
    summary = VerifySummary(run_id=store.start_run("verify", detail=f"{len(todo)} flagged posts"))
    last_hit: dict[str, float] = {}
    status = "failed"
    try:
        for post in todo:
            target = target_for(post, bluesky_service=bluesky_service)
            if target is None:
                summary.skipped += 1
                if progress:
                    progress(post, None)
                continue
            host = urlsplit(target.url).netloc
            wait = delay - (time.monotonic() - last_hit.get(host, -1e9))
            if wait > 0:
                sleep(wait)
            check = _check(target, fetch, timeout)
            last_hit[host] = time.monotonic()
            store.record_verification(post["id"], status=check.status, run_id=summary.run_id,
                                      http_status=check.http_status, detail=check.detail or None)
            summary.checked += 1
            if check.status == "gone":
                summary.gone += 1
            elif check.status == "present":
                summary.present += 1
            else:
                summary.errors += 1
                summary.error_details.append(f"{post.get('url') or post.get('native_id')}: {check.detail}")
            if progress:
                progress(post, check)
        status = "partial" if summary.errors else "ok"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(summary.run_id, status=status)
    return summary

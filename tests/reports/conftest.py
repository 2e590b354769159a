"""Fixtures for the report tests: plain ReportData dicts, including hostile posts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selfaudit.reports.rules import load_pack_info

from selfaudit.store import verify_state_of

HOSTILE_TEXT = (
    '<script>window.__pwned = "script"</script>'
    '<img src="https://tracker.example/x.png" onerror="window.__pwned = \'onerror\'">'
    " Vote Horizon! </article><b>bold?</b> {{ 7*7 }}"
)


def _post(pid: int, account_id: int, platform: str, created: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": pid, "account_id": account_id, "platform": platform, "native_id": f"{platform}-{pid}",
        "url": f"https://social.example/@ana/{pid}", "created_at": created, "kind": "original",
        "text": text, "media_alt": [], "source": "crawl", "original_author": None, "original_url": None,
        **extra,
    }


def _finding(fid: int, concern: str, severity: str, *, post_id: int | None = None, account_id: int | None = None,
             timing: str | None = None, action: str = "delete", reason: str = "", triggers: list[str] | None = None,
             evidence: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": fid, "post_id": post_id, "account_id": account_id, "concern": concern, "severity": severity,
        "score": 0.82, "timing": timing, "action": action, "pack": "un-secretariat",
        "explanation": {"reason": reason, "triggers": triggers or [], "exemplar": "", "evidence": evidence or []},
    }


def set_verifications(data: dict[str, Any], verifications: list[dict[str, Any]]) -> dict[str, Any]:
    """Give report data these verify checks and the ``verify_state`` the store derives from them (no copies)."""
    data["verifications"] = verifications
    data["verify_state"] = verify_state_of(verifications)
    return data


@pytest.fixture
def report_data() -> dict[str, Any]:
    """Two accounts, six flagged posts (one hostile), two account findings, two verify runs."""
    return sample_report_data()


def sample_report_data() -> dict[str, Any]:
    """The ``report_data`` fixture's value, for module-scoped fixtures."""
    accounts = [
        {"id": 1, "platform": "mastodon", "handle": "ana@social.example", "display_name": "Ana Solís"},
        {"id": 2, "platform": "bluesky", "handle": "ana.bsky.social", "display_name": "Ana"},
    ]
    posts = {
        10: _post(10, 1, "mastodon", "2019-10-14T09:00:00Z",
                  "Door-knocking all weekend for @ElenaMarsh4Mayor, we need her back in city hall! #MarshForMayor"),
        11: _post(11, 1, "mastodon", "2023-03-02T12:00:00Z",
                  "Convoy leaves the Maridi hub at 5:30am tomorrow, river road to Tukal.",
                  media_alt=["Trucks lined up at the hub gate", ""]),
        12: _post(12, 2, "bluesky", "2022-06-01T08:30:00Z", HOSTILE_TEXT,
                  url="javascript:alert(1)", kind="repost", original_author="<b>mallory</b>",
                  original_url="data:text/html,<script>alert(1)</script>"),
        13: _post(13, 2, "bluesky", "2024-01-20T18:00:00Z",
                  "Our director got the job through his golf buddies. Everyone knows it.", kind="reply"),
        14: _post(14, 1, "mastodon", "2021-05-05T10:00:00Z", "Liked: Horizon Party rally livestream", kind="like"),
        15: _post(15, 2, "bluesky", "2020-02-02T10:00:00Z", "Best party ever at the compound, Tom passed out lol"),
    }
    findings = [
        _finding(1, "partisan-politics", "medium", post_id=10, timing="pre-appointment",
                 reason="Recruits volunteers for a mayoral candidate.", triggers=["#MarshForMayor", "door-knocking"]),
        _finding(2, "security-risk", "high", post_id=11, timing="post-appointment",
                 reason="Gives the time and route of an aid convoy.", triggers=["convoy", "5:30am"]),
        _finding(3, "partisan-politics", "high", post_id=12, timing="post-appointment", action="unlike",
                 reason='Reposts a call to vote <script>window.__pwned="reason"</script>', triggers=["<img src=x onerror=alert(1)>"]),
        _finding(4, "workplace-grievance", "medium", post_id=13, timing="post-appointment", action="delete",
                 reason="Accuses a manager of favouritism in recruitment.", triggers=["golf buddies"]),
        _finding(5, "partisan-politics", "low", post_id=14, timing="pre-appointment", action="unlike",
                 reason="A like of a party rally counts as endorsement.", triggers=["Horizon Party"]),
        _finding(6, "unbefitting-conduct", "medium", post_id=15, timing="pre-appointment", action="delete",
                 reason="Describes drunkenness at a mission compound.", triggers=["passed out"]),
        _finding(7, "privacy-of-others", "medium", post_id=15, timing="pre-appointment", action="delete",
                 reason="Names a colleague in a compromising context.", triggers=["Tom"]),
        _finding(8, "un-affiliation", "info", account_id=1, action="review",
                 reason="The bio says you work for the UN.", evidence=["bio: Public Information Officer @ UN Valdoria"]),
        _finding(9, "professional-email", "medium", account_id=2, action="edit",
                 reason="A UN work address is shown on the profile.", evidence=["email: ana.solis@un.org"]),
    ]
    verifications = [
        {"post_id": 11, "run_id": 1, "status": "present", "checked_at": "2026-11-01T10:00:00Z"},
        {"post_id": 13, "run_id": 1, "status": "error", "http_status": 503, "checked_at": "2026-11-01T10:00:05Z"},
        {"post_id": 11, "run_id": 2, "status": "gone", "http_status": 404, "checked_at": "2026-11-10T10:00:00Z"},
        {"post_id": 13, "run_id": 2, "status": "gone", "http_status": 410, "checked_at": "2026-11-10T10:00:03Z"},
    ]
    return set_verifications({
        "subject": {"name": "Ana Solís", "appointment_date": "2021-03-01"},
        "generated_at": "2026-11-21T12:00:00Z",
        "accounts": accounts,
        "coverage": [
            {"account_id": 1, "posts": 412, "first": "2016-01-03T00:00:00Z", "last": "2026-11-20T00:00:00Z", "sources": ["crawl"]},
            {"account_id": 2, "posts": 0, "first": None, "last": None, "sources": []},
        ],
        "crawl_runs": [
            {"account_id": 2, "started_at": "2026-11-20T09:00:00Z", "status": "partial",
             "errors": ["HTTP 429 <too many requests> from bsky.social"]},
        ],
        "posts": posts,
        "findings": findings,
        "pack": {
            "id": "un-secretariat", "title": "UN Secretariat", "version": "2026.1", "ethics_contact": "Not sure? Ask the UN Ethics Office (ethicsoffice@un.org).",
            "rules": {
                "partisan-politics": [{"quote": "staff members shall ensure that those views and convictions do not adversely "
                                                "affect their official duties", "ref": "Staff Regulation 1.2(f), 000"}],
                "security-risk": [{"quote": "information about official travel and locations", "ref": "001"}],
            },
            "concerns": load_pack_info()["concerns"],  # titles come from the pack, as in a real report
        },
    }, verifications)


ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One real headless Chromium (Debian's, with the project's flags) for the session."""
    from playwright.sync_api import sync_playwright

    from selfaudit.browser import launch_options

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**launch_options())
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go so a person can look at them after the run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


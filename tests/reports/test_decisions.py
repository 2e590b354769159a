"""Decisions in the report: each card's decision, the progress line, dismissals per concern, runs."""

from __future__ import annotations

from html import unescape
from typing import Any

from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html

from selfaudit.store import finding_uid, text_hash
from tests.reports.conftest import set_verifications


def _uid(data: dict[str, Any], post_id: int, concern: str) -> str:
    post = data["posts"][post_id]
    return finding_uid({"post_id": post_id, "platform": post["platform"], "native_id": post["native_id"], "concern": concern})


def _decision(n: int, data: dict[str, Any], post_id: int, concern: str, action: str, **extra: Any) -> tuple[str, dict[str, Any]]:
    uid = _uid(data, post_id, concern)
    return uid, {"id": n, "finding_id": uid, "action": action, "concern": concern, "note": extra.get("note"),
                 "decided_at": "2026-11-15T10:00:00Z", "scope": "post",
                 "text_hash": extra.get("text_hash", text_hash(data["posts"][post_id]["text"]))}


def _card(context: dict[str, Any], words: str) -> dict[str, Any]:
    return next(p for p in context["post_findings"] if words in p["text"])


def test_cards_progress_and_dismissals(report_data: dict[str, Any]) -> None:
    report_data["decisions"] = dict([
        _decision(1, report_data, 10, "partisan-politics", "delete"),
        _decision(2, report_data, 13, "workplace-grievance", "keep", note="It is true and I stand by it"),
        _decision(3, report_data, 15, "privacy-of-others", "dismiss"),
    ])
    report_data["runs"] = [{"kind": "verify", "started_at": "2026-11-10T10:00:00Z", "status": "ok", "accounts": []},
                           {"kind": "crawl", "started_at": "2026-11-01T09:00:00Z", "status": "partial", "accounts": [{}, {}]}]
    context = build_context(report_data)
    deleted = _card(context, "Door-knocking")["decision"]
    assert (deleted["action"], deleted["done"], deleted["label"]) == ("delete", True, "To delete")
    assert deleted["ids"] == _uid(report_data, 10, "partisan-politics")
    kept = _card(context, "golf buddies")["decision"]
    assert kept["note"] == "It is true and I stand by it" and kept["date"] == "15 Nov 2026"
    half = _card(context, "Best party")["decision"]  # two concerns, one dismissed
    assert (half["decided"], half["count"], half["done"], half["action"]) == (1, 2, False, "dismiss")
    assert _card(context, "Convoy")["decision"]["action"] == ""
    # 9 findings (7 on posts, 2 on accounts); 3 decided; posts 11 and 13 were found gone online
    assert context["cleanup"]["progress"] == {"total": 9, "dealt": 3, "gone": 2,
                                              "text": "3 of 9 findings dealt with, 2 confirmed gone"}
    assert context["cleanup"]["dismissals"] == [{"concern": "privacy-of-others", "label": "Privacy of beneficiaries, colleagues and partners", "count": 1}]
    assert [r["kind"] for r in context["cleanup"]["runs"]] == ["Verify online", "Crawl"]

    html = render_html(context)
    assert "<span id=\"dealt\">3</span> of 9 findings dealt with</strong>, 2 confirmed gone" in html
    assert "Your decision:</strong> <span class=\"dlabel\">To delete</span>" in html
    assert "Reason: It is true and I stand by it" in html
    assert "Where the tool was wrong" in html and "History of runs" in html
    assert 'class="decide"' not in html and 'data-review-token="' not in html  # the file report has no buttons
    assert "connect-src 'none'" in unescape(html)


def test_online_comes_from_verify_state_and_unchecked_says_nothing(report_data: dict[str, Any]) -> None:
    set_verifications(report_data, [])
    context = build_context(report_data)
    assert context["cleanup"]["progress"]["text"] == "0 of 9 findings dealt with"
    assert context["cleanup"]["progress"]["gone"] is None
    set_verifications(report_data, [{"post_id": 10, "run_id": 1, "status": "gone", "checked_at": "2026-11-01T10:00:00Z"}])
    assert build_context(report_data)["cleanup"]["progress"]["gone"] == 1
    report_data["verifications"] = []  # the raw checks only draw the history; verify_state alone says what is gone
    assert build_context(report_data)["cleanup"]["progress"]["gone"] == 1


def test_keep_and_dismiss_lapse_when_the_text_changes(report_data: dict[str, Any]) -> None:
    report_data["decisions"] = dict([
        _decision(1, report_data, 10, "partisan-politics", "dismiss", text_hash="an-older-text"),
        _decision(2, report_data, 13, "workplace-grievance", "edit", text_hash="an-older-text"),
    ])
    context = build_context(report_data)
    dismissed = _card(context, "Door-knocking")["decision"]
    assert dismissed["action"] == "" and dismissed["lapsed"]  # judged the old words: decide again
    assert _card(context, "golf buddies")["decision"]["action"] == "edit"  # an edit is expected to change the text
    assert "The post has changed since your decision" in render_html(context)
    assert context["cleanup"]["dismissals"][0]["count"] == 1  # still counted where the tool was wrong


def test_review_page_has_buttons_token_and_self_connect(report_data: dict[str, Any]) -> None:
    html = render_html(build_context(report_data), review_token="tok-123")
    assert 'data-review-token="tok-123"' in html
    assert html.count('class="decide"') == 6 + 2  # every post card and every account card
    assert "connect-src 'self'" in unescape(html) and "connect-src 'none'" not in unescape(html)
    assert 'class="done"' not in html  # no localStorage ticks on the review page

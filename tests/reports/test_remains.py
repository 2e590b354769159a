"""The report shows what verify found: online state, copies that remain and what to do about each."""

from __future__ import annotations

from typing import Any

from selfaudit.reports.context import build_context, human_date, safe_link
from selfaudit.reports.html import render_html
from selfaudit.reports.remains import remains_view

from tests.reports.conftest import set_verifications


def _state() -> dict[int, dict[str, Any]]:
    capture = {"source": "wayback", "where": "web.archive.org",
               "url": "https://web.archive.org/web/20240115093000/https://social.example/@ana/10"}
    boost = {"source": "boosts", "where": "@ravi@fedi.example", "url": "https://fedi.example/@ravi"}
    hostile = {"source": "quotes", "where": "@<b>mallory</b>", "url": "javascript:alert(1)"}
    return {
        10: {"online": False, "edited": None, "checked_at": "2026-12-01T10:00:00Z", "detail": "HTTP 404",
             "copies": [capture, boost], "unchecked": []},
        11: {"online": True, "edited": True, "checked_at": "2026-12-01T10:00:00Z", "detail": None,
             "copies": [hostile], "unchecked": [{"source": "wayback", "detail": "could not check: timed out"}]},
        13: {"online": None, "edited": None, "checked_at": "2026-12-01T10:00:00Z", "detail": "HTTP 503",
             "copies": [], "unchecked": []},
    }


def test_remains_view_says_what_to_do_about_each_copy() -> None:
    view = remains_view(_state()[10], post_url="https://social.example/@ana/10", account="ana@social.example",
                        name="Ana Solís", date=human_date, link=safe_link)
    assert view["online"] == "false" and view["online_label"].startswith("Gone")
    [request] = view["requests"]
    assert request["to"] == "info@archive.org"
    assert "https://web.archive.org/web/20240115093000/https://social.example/@ana/10" in request["text"]
    assert "https://social.example/@ana/10" in request["text"] and request["text"].rstrip().endswith("Ana Solís")
    boost = view["copies"][1]
    assert "fedi.example" in boost["todo"] and "@ravi@fedi.example" in boost["todo"]
    unknown = remains_view(_state()[13], post_url=None, account="a", date=human_date, link=safe_link)
    assert unknown["online"] == "unknown" and "HTTP 503" in unknown["online_label"]
    never = remains_view(None, post_url=None, account="a", date=human_date, link=safe_link)
    assert never["online"] == "unknown" and not never["shown"]


def test_report_shows_online_state_and_copies_escaped(report_data: dict[str, Any]) -> None:
    context = build_context({**report_data, "verify_state": _state()})
    assert [c["online"] for c in context["post_findings"]].count("false") == 1
    assert context["remains"] == {"confirmed_gone": 1, "copies": 3, "unchecked": 1}
    html = render_html(context)
    assert 'data-online="false"' in html and 'data-online="true"' in html
    assert "Removal request, ready to send to info@archive.org" in html
    assert "edited since it was gathered" in html and "Could not check the web archive (timed out)" in html
    assert "<b>mallory</b>" not in html and "&lt;b&gt;mallory&lt;/b&gt;" in html
    assert 'href="javascript:' not in html


def test_a_check_that_could_not_tell_does_not_undo_gone_anywhere(report_data: dict[str, Any]) -> None:
    """Post 11 was found gone, then a later check failed (503): card, remains and progress all still say gone."""
    set_verifications(report_data, [*report_data["verifications"],
                                    {"post_id": 11, "run_id": 3, "status": "error", "http_status": 503,
                                     "detail": "HTTP 503", "checked_at": "2026-11-15T10:00:00Z"},
                                    {"post_id": 10, "run_id": 3, "status": "error", "http_status": 503,
                                     "detail": "HTTP 503", "checked_at": "2026-11-15T10:00:01Z"}])
    context = build_context(report_data)
    convoy = next(p for p in context["post_findings"] if p["text"].startswith("Convoy"))
    assert (convoy["status"], convoy["status_label"]) == ("gone", "Removed (checked online)")
    assert convoy["online"] == "false" and convoy["remains"]["online_label"].startswith("Gone")
    never_clear = next(p for p in context["post_findings"] if p["text"].startswith("Door-knocking"))
    assert (never_clear["status"], never_clear["status_label"]) == ("error", "Could not check")
    assert never_clear["remains"]["online_label"].startswith("Unknown")
    latest = context["progress"]["latest"]
    assert (latest["checked"], latest["errors"], latest["cleaned"]) == (2, 2, 2)
    assert context["remains"]["confirmed_gone"] == 2 and context["cleanup"]["progress"]["gone"] == 2
    html = render_html(context)
    card = html.split(f'id="{convoy["key"]}"')[1].split("</article>")[0]
    assert "Removed (checked online)" in card and "Could not check" not in card and 'data-status="gone"' in card

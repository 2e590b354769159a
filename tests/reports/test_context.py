"""The pure view-model builders: ordering, labels, timing, coverage, progress, safe links."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup
from selfaudit.reports.context import build_context, finding_key, human_date, progress_history, safe_link
from selfaudit.reports.plots import bar_chart, year_chart
from selfaudit.reports.rules import pack_info

from tests.reports.conftest import set_verifications


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://social.example/@a/1", True),
        ("http://127.0.0.1:8000/x", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("https://", False),
        ("https://a.example/\nx", False),
        (None, False),
    ],
)
def test_safe_link(url: Any, ok: bool) -> None:
    assert (safe_link(url) is not None) is ok


def test_human_date() -> None:
    assert human_date("2019-10-14T09:00:00Z") == "14 Oct 2019"
    assert human_date("2019-10-14") == "14 Oct 2019"
    assert human_date(None) == "" and human_date("garbage") == ""


def test_posts_most_severe_first_with_labels(report_data: dict[str, Any]) -> None:
    ctx = build_context(report_data)
    posts = ctx["post_findings"]
    assert [p["severity"] for p in posts] == ["high", "high", "medium", "medium", "medium", "low"]
    first = posts[0]
    assert first["platform_label"] == "Mastodon" and first["kind_label"] == "Post"
    assert first["timing_label"] == "After appointment"
    assert first["media_alt"] == ["Trucks lined up at the hub gate", "(no description)"]
    assert [r["ref"] for r in first["concerns"][0]["rules"]] == ["001"]
    assert first["concerns"][0]["triggers"] == ["convoy", "5:30am"]
    assert first["status"] == "gone"
    two = next(p for p in posts if len(p["concerns"]) == 2)
    assert two["concern_ids"] == "privacy-of-others unbefitting-conduct"
    assert two["action_label"] == "Delete it"


def test_hostile_post_links_are_dropped(report_data: dict[str, Any]) -> None:
    hostile = next(p for p in build_context(report_data)["post_findings"] if p["kind"] == "repost")
    assert hostile["link"] is None and hostile["original_link"] is None
    assert hostile["action"] == "unrepost"


def test_account_findings_and_coverage(report_data: dict[str, Any]) -> None:
    ctx = build_context(report_data)
    assert [a["id"] for a in ctx["account_findings"]] == ["professional-email", "un-affiliation"]
    assert ctx["account_findings"][0]["accounts"] == [{
        "account": "ana.bsky.social", "platform_label": "Bluesky", "reason": "A UN work address is shown on the profile.",
        "choice": "Replace ana.solis@un.org with a personal address in this account's login and profile.",
        "evidence": [], "posts": []}]
    masto, sky = ctx["accounts"]
    assert masto["posts"] == 412 and (masto["first"], masto["last"]) == ("3 Jan 2016", "20 Nov 2026")
    assert masto["sources"] == "crawl" and masto["problems"] == []
    assert sky["problems"][0] == "20 Nov 2026: HTTP 429 <too many requests> from bsky.social"
    assert "No posts were gathered" in sky["note"] and masto["note"] == ""
    assert ctx["totals"] == {"posts": 412, "flagged_posts": 6, "strong": 6, "possible": 0, "copies": 6,
                             "account_findings": 2}
    # posts and account findings are counted apart
    assert {s["id"]: s["count"] for s in ctx["severity_counts"]} == {"high": 2, "medium": 3, "low": 1, "info": 0}
    assert {s["id"]: s["count"] for s in ctx["account_severity_counts"]} == {"medium": 1, "info": 1}


def test_coverage_problems_are_capped(report_data: dict[str, Any]) -> None:
    report_data["crawl_runs"][0]["errors"] = [f"HTTP 500 on page {i}" for i in range(7)]
    sky = build_context(report_data)["accounts"][1]
    assert len(sky["problems"]) == 3 and sky["more_problems"] == 4


def test_timing_falls_back_to_the_appointment_date(report_data: dict[str, Any]) -> None:
    for f in report_data["findings"]:
        f["timing"] = None
    timings = {p["date_iso"]: p["timing"] for p in build_context(report_data)["post_findings"]}
    assert timings["2019-10-14"] == "pre-appointment" and timings["2023-03-02"] == "post-appointment"
    report_data["subject"]["appointment_date"] = None
    assert {p["timing"] for p in build_context(report_data)["post_findings"]} == {"unknown"}


def test_filters_count_what_is_there(report_data: dict[str, Any]) -> None:
    filters = build_context(report_data)["filters"]
    assert [(o["id"], o["count"]) for o in filters["severity"]] == [("high", 2), ("medium", 3), ("low", 1)]
    assert ("partisan-politics", 3) in [(o["id"], o["count"]) for o in filters["concern"]]
    assert {o["id"] for o in filters["kind"]} == {"original", "reply", "repost", "like"}
    assert {o["id"]: o["count"] for o in filters["status"]} == {"gone": 2, "unchecked": 4}


def test_progress_history_carries_state_forward(report_data: dict[str, Any]) -> None:
    history = progress_history([10, 11, 12, 13, 14, 15], report_data["verifications"])
    assert [(h["cleaned"], h["total"], h["checked"], h["errors"]) for h in history] == [(0, 6, 2, 1), (2, 6, 2, 0)]
    ctx = build_context(report_data)
    assert ctx["progress"]["latest"]["cleaned"] == 2
    set_verifications(report_data, [])
    assert build_context(report_data)["progress"] is None


def test_empty_store_builds() -> None:
    ctx = build_context({"subject": {}, "accounts": [], "findings": []})
    assert ctx["post_findings"] == [] and ctx["progress"] is None and ctx["charts"]["years"] == Markup("")


def test_tick_keys_are_stable_and_distinct(report_data: dict[str, Any]) -> None:
    keys = [p["key"] for p in build_context(report_data)["post_findings"]]
    assert len(set(keys)) == len(keys)
    assert keys == [p["key"] for p in build_context(report_data)["post_findings"]]
    assert finding_key("mastodon", "x") != finding_key("mastodonx", "")


def test_charts_escape_labels_and_mark_the_appointment() -> None:
    svg = str(bar_chart([("<script>", 3)], title='"t"'))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    svg = str(year_chart({2019: {"high": 2}, 2022: {"low": 1}}, appointment=(2021, 0.5)))
    assert svg.count("<rect") == 2 and "Appointment" in svg and ">2020<" in svg


def test_pack_info_from_a_pack_object() -> None:
    from selfaudit.analysis.pack import parse_pack

    raw = {"id": "demo", "title": "Demo", "version": "1", "ethics_contact": "ethics@example.org",
           "sources": [{"id": "001", "title": "UN Secretariat Guidelines"}],
           "concerns": [{"id": "partisan-politics", "scope": "post", "title": "P", "description": "d", "action": "delete",
                         "advice": "a", "severity_base": "medium", "exemplars": {"en": ["Vote X"]},
                         "rules": [{"source": "001", "reference": "Think before posting", "quote": "Think  before\nposting."}]}]}
    info = pack_info(parse_pack(raw))
    assert info["rules"] == {"partisan-politics": [{"quote": "Think before posting.", "ref": "Think before posting",
                                                    "source": "UN Secretariat Guidelines", "file": ""}]}
    assert info["ethics_contact"] == "ethics@example.org"


def test_posts_without_dates_sort_and_render(report_data: dict[str, Any]) -> None:
    from selfaudit.reports.html import render_html

    report_data["posts"][10]["created_at"] = None
    report_data["posts"][11]["created_at"] = "not a date"
    ctx = build_context(report_data)
    assert len(ctx["post_findings"]) == 6
    assert "Social media self-review" in render_html(ctx)


def test_an_empty_store_renders_a_page() -> None:
    from selfaudit.reports.html import render_html

    html = render_html(build_context({"subject": {"name": "Nobody"}, "accounts": [], "findings": []}))
    assert "No post was flagged" in html and "No accounts were audited" in html
    assert "Method and limits" in html and "Ethics Office" in html


def test_cards_refer_to_rules_and_the_rulebook_quotes_each_once(report_data: dict[str, Any]) -> None:
    report_data["pack"]["rules"]["partisan-politics"].append({"quote": "Be mindful of sharing and liking", "ref": "001"})
    report_data["pack"]["rules"]["security-risk"].append(dict(report_data["pack"]["rules"]["partisan-politics"][0]))
    ctx = build_context(report_data)
    politics = next(c for p in ctx["post_findings"] for c in p["concerns"] if c["id"] == "partisan-politics")
    assert [r["n"] for r in politics["rules"]] == [1]
    book = {c["id"]: c for c in ctx["rulebook"]}
    assert set(book) == {"partisan-politics", "security-risk"}
    assert [e["ref"] for e in book["partisan-politics"]["entries"]] == ["Staff Regulation 1.2(f), 000", "001"]
    assert [e["ref"] for e in book["security-risk"]["entries"]] == ["001"]
    # the shared regulation is printed under the first concern and referred to from the second
    assert [e["n"] for e in book["security-risk"]["see"]] == [1]
    assert all(e["n"] != 1 for e in book["security-risk"]["entries"])


def test_account_findings_group_by_concern(report_data: dict[str, Any]) -> None:
    report_data["findings"].append({"id": 20, "post_id": None, "account_id": 2, "concern": "un-affiliation",
                                    "severity": "low", "score": 0.9, "timing": None, "action": "keep", "pack": "p",
                                    "explanation": {"reason": "The bio says you work for the UN.",
                                                    "evidence": ["bio: UN", "bio: UN"]}})
    views = build_context(report_data)["account_findings"]
    affiliation = next(v for v in views if v["id"] == "un-affiliation")
    assert [a["account"] for a in affiliation["accounts"]] == ["ana.bsky.social", "ana@social.example"]
    assert affiliation["severity"] == "low" and affiliation["shared_reason"]
    assert affiliation["accounts"][0]["choice"] == "Shown by: \u201cbio: UN\u201d."
    assert len(views) == 2


def test_a_link_page_with_a_profile_is_not_called_unread(report_data: dict[str, Any]) -> None:
    report_data["crawl_runs"] = []
    sky = build_context(report_data)["accounts"][1]
    assert sky["note"].startswith("Profile and links read")

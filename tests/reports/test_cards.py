"""Issue 15: a report a person trusts and acts on (ranking, certainty, merged copies, actions, rules)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from selfaudit.reports.actions import howto, remedy
from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html
from selfaudit.reports.rulebook import build_rulebook, rule_kind, short_ref

from tests.reports.conftest import sample_report_data, set_verifications


def _add(data: dict[str, Any], pid: int, text: str, *, platform: str = "mastodon", account_id: int = 1,
         kind: str = "original", created: str = "2024-05-01T10:00:00Z", **extra: Any) -> None:
    data["posts"][pid] = {"id": pid, "account_id": account_id, "platform": platform, "native_id": f"{platform}-{pid}",
                          "url": f"https://social.example/@ana/{pid}", "created_at": created, "kind": kind, "text": text,
                          "media_alt": [], "source": "crawl", "original_author": None, "original_url": None, **extra}


def _finding(data: dict[str, Any], pid: int, concern: str, severity: str, score: float, *, action: str = "delete",
             reason: str = "", triggers: list[str] | None = None, exemplar: str = "", **extra: Any) -> None:
    data["findings"].append({"id": 100 + len(data["findings"]), "post_id": pid, "account_id": None, "concern": concern,
                             "severity": severity, "score": score, "timing": "post-appointment", "action": action,
                             "pack": "un-secretariat", **extra,
                             "explanation": {"reason": reason, "triggers": triggers or [], "exemplar": exemplar}})


def test_a_weak_match_is_never_high_and_goes_to_worth_a_look(report_data: dict[str, Any]) -> None:
    """An older store (no ``certainty``) with a High weak match: the report caps it and files it apart."""
    _add(report_data, 50, "Morning walk along Puerto Alba harbour. The light today was unreal.")
    _finding(report_data, 50, "security-risk", "high", 0.52)
    ctx = build_context(report_data)
    weak = next(p for p in ctx["post_findings"] if p["text"].startswith("Morning walk"))
    assert weak["severity"] == "medium" and weak["certainty"] == "possible"
    assert weak in ctx["possible_findings"] and weak not in ctx["main_findings"]
    assert all(p["certainty"] == "strong" for p in ctx["main_findings"])
    assert not any(c["severity"] == "high" for p in ctx["post_findings"] for c in p["concerns"] if c["score"] < 0.6)
    html = render_html(ctx)
    assert "Worth a look" in html and "possible match" in html.lower()
    assert not re.search(r"\d+\s*%", html.split("<main")[1].split("</main>")[0])  # certainty in words, never a percentage


def test_stored_certainty_wins_over_the_score(report_data: dict[str, Any]) -> None:
    _add(report_data, 51, "A careful statement about the regional office plans")
    _finding(report_data, 51, "unauthorized-statement", "medium", 0.55, certainty="strong")
    card = next(p for p in build_context(report_data)["post_findings"] if p["text"].startswith("A careful"))
    assert card["certainty"] == "strong"


def test_identical_texts_become_one_card_listing_each_copy(report_data: dict[str, Any]) -> None:
    text = "Fascinating talk tonight about street trees and how cities can use them"
    for pid, platform in ((60, "mastodon"), (61, "bluesky"), (62, "bluesky")):
        _add(report_data, pid, text, platform=platform, account_id=1 if platform == "mastodon" else 2)
        _finding(report_data, pid, "offensive-conduct", "medium", 0.55)
    ctx = build_context(report_data)
    cards = [p for p in ctx["post_findings"] if p["text"] == text]
    assert len(cards) == 1
    assert [c["platform_label"] for c in cards[0]["copies"]] == ["Mastodon", "Bluesky", "Bluesky"]
    assert set(cards[0]["platform"].split()) == {"mastodon", "bluesky"}
    assert ctx["totals"]["flagged_posts"] == 7 and ctx["totals"]["copies"] == 9
    assert sum(o["count"] for o in ctx["filters"]["severity"]) == ctx["totals"]["flagged_posts"]
    assert sum(s["count"] for s in ctx["severity_counts"]) == ctx["totals"]["flagged_posts"]
    html = render_html(ctx)
    assert html.count(text) == 1 and "The same text is in 3 places" in html


def test_multi_concern_cards_rank_before_single_ones_and_start_here_lists_five(report_data: dict[str, Any]) -> None:
    for pid in range(70, 76):
        _add(report_data, pid, f"Harmless but high single concern number {pid}")
        _finding(report_data, pid, "security-risk", "high", 0.95)
    _add(report_data, 80, "The investigation into our finance chief has three witnesses: Dina, Paul and Mercy")
    _finding(report_data, 80, "confidential-info", "high", 0.72)
    _finding(report_data, 80, "privacy-of-others", "high", 0.7)
    ctx = build_context(report_data)
    first = ctx["main_findings"][0]
    assert first["text"].startswith("The investigation") and first["several"]
    assert len(ctx["start_here"]) == 5 and ctx["start_here"][0]["key"] == first["key"]
    assert all(s["severity"] == "high" for s in ctx["start_here"])
    html = render_html(ctx)
    assert html.index("Start here") < html.index("At a glance")
    assert all(f'id="{s["key"]}"' in html for s in ctx["start_here"])
    assert len(re.findall(r'<dd>', html)) == 4  # one line per severity level


@pytest.mark.parametrize(("action", "kind", "platform", "expected"), [
    ("edit", "original", "bluesky", "delete"),  # Bluesky has no edit
    ("delete", "repost", "mastodon", "unrepost"),
    ("delete", "like", "bluesky", "unlike"),
    ("delete", "page", "web", "edit"),
    ("unlike", "original", "mastodon", "delete"),
    ("review", "like", "mastodon", "review"),
    ("restrict", "original", "bluesky", "delete"),
])
def test_one_action_for_platform_and_kind(action: str, kind: str, platform: str, expected: str) -> None:
    assert remedy(action, kind=kind, platform=platform) == expected


def test_each_card_has_one_action_and_a_howto_line(report_data: dict[str, Any]) -> None:
    assert "Undo repost" in howto("unrepost", platform="bluesky", platform_label="Bluesky")
    assert "Delete post" in howto("delete", platform="bluesky", platform_label="Bluesky")
    assert "re-draft" in howto("delete", platform="mastodon", platform_label="Mastodon")
    assert "X:" in howto("delete", platform="x", platform_label="X")
    ctx = build_context(report_data)
    for card in ctx["post_findings"]:
        assert card["action_label"] and card["howto"]
    html = render_html(ctx)
    assert html.count("What to do:") == len(ctx["post_findings"]) + len(ctx["account_findings"])


def test_archive_copy_says_how_to_find_it_online(report_data: dict[str, Any]) -> None:
    _add(report_data, 90, "An archived rant about the ministry and its budget", platform="x", source="archive", url=None)
    _finding(report_data, 90, "partisan-politics", "medium", 0.8)
    card = next(p for p in build_context(report_data)["post_findings"] if p["text"].startswith("An archived"))
    assert card["find_online"].startswith("This copy comes from your archive") and "from:" in card["find_online"]


def test_why_starts_plain_drops_junk_triggers_and_foreign_examples(report_data: dict[str, Any]) -> None:
    report_data["pack"]["exemplar_lang"] = {"هذه الحكومة فاشلة": "ar", "Everyone say hi to Yusuf (12)": "en"}
    _add(report_data, 95, "Amira (9) told me her whole story today", lang="en")
    _finding(report_data, 95, "privacy-of-others", "high", 0.73, triggers=["(9)"], exemplar="Everyone say hi to Yusuf (12)",
             reason="This post looks like privacy of others: it mentions “(9)”.")
    _add(report_data, 96, "A post about the budget vote", lang="en")
    _finding(report_data, 96, "partisan-politics", "medium", 0.7, exemplar="هذه الحكومة فاشلة",
             reason="This post is close in meaning to known examples of partisan politics, such as “هذه الحكومة فاشلة”.")
    cards = {p["text"][:5]: p for p in build_context(report_data)["post_findings"]}
    amira, budget = cards["Amira"]["concerns"][0], cards["A pos"]["concerns"][0]
    assert amira["about"].startswith("The post shows or identifies other people") and amira["triggers"] == []
    assert amira["example"] == "Everyone say hi to Yusuf (12)" and amira["reason"] == ""
    assert budget["example"] == "" and budget["reason"] == ""
    assert amira["certainty_label"] == "Strong match"


def test_rulebook_rules_first_questions_labelled_titles_not_files() -> None:
    rules = {
        "partisan-politics": [
            {"quote": "Can Omar support a political candidate?", "ref": "Leadership Dialogue 2023, Scenario 1, question 4",
             "source": "Leadership Dialogue 2023", "file": "002_42f2fada6ea2b136.txt"},
            {"quote": "They shall avoid any action.", "ref": "Staff Regulation 1.2(f), as quoted in the UNSOM annex, section 1(b)",
             "source": "UNSOM guidelines, Annex (quotes Staff Regulation 1.2)", "file": "000_d2e78e78c0885738.txt"},
        ],
        "affiliation-with-partisanship": [
            {"quote": "They shall avoid any action.", "ref": "Staff Regulation 1.2(f), as quoted in the UNSOM annex, section 1(b)",
             "source": "UNSOM guidelines, Annex (quotes Staff Regulation 1.2)", "file": "000_d2e78e78c0885738.txt"},
        ],
    }
    book = build_rulebook(rules, [("partisan-politics", "Partisan politics"), ("affiliation-with-partisanship", "A")])
    entries = book["entries"]
    assert [e["kind"] for e in entries] == ["rule", "question"]
    assert entries[0]["ref"] == "Staff Regulation 1.2(f)" and entries[0]["source"] == "UNSOM guidelines, Annex"
    assert entries[1]["kind_label"] == "Questions to ask yourself"
    assert book["by_concern"]["affiliation-with-partisanship"][0]["n"] == 1
    assert book["sections"][1]["entries"] == [] and book["sections"][1]["see"] == [entries[0]]
    assert rule_kind("Documents whose disclosure is likely to endanger", "ST/SGB/2007/6, section 1.2(b)") == "rule"
    assert short_ref("Staff Regulation 1.2(i), as quoted in the UNSOM annex") == "Staff Regulation 1.2(i)"


def test_the_real_pack_quotes_each_passage_once_and_shows_no_file_names(report_data: dict[str, Any]) -> None:
    from selfaudit.reports.rules import load_pack_info

    report_data["pack"] = load_pack_info(None)
    for pid, concern in ((10, "offensive-conduct"), (13, "affiliation-with-partisanship")):
        report_data["findings"].append({"id": 300 + pid, "post_id": pid if concern != "affiliation-with-partisanship" else None,
                                        "account_id": 1, "concern": concern, "severity": "high", "score": 0.9,
                                        "timing": None, "action": "edit", "pack": "un-secretariat",
                                        "explanation": {"reason": "", "evidence": []}})
    html = render_html(build_context(report_data))
    assert not re.search(r"\d{3}_[0-9a-f]{8,}\.txt", html)
    assert html.count("They shall avoid any action and, in particular") == 1  # Regulation 1.2(f), printed once
    assert "Questions to ask yourself" in html and "Posts from before you joined" in html
    rules_part = html.split('id="rules-h"')[1]
    assert rules_part.index("Staff Regulation 1.2(f)") < rules_part.index("Questions to ask yourself")


def test_online_state_is_shown_only_once_checked(report_data: dict[str, Any]) -> None:
    set_verifications(report_data, [])
    html = render_html(build_context(report_data))
    assert "Not checked yet" not in html and 'data-filter="status"' not in html
    html = render_html(build_context(sample_report_data()))
    assert "Removed (checked online)" in html and 'data-filter="status"' in html


def test_affiliation_with_partisanship_names_the_choices_and_shows_whole_posts(report_data: dict[str, Any]) -> None:
    long_text = "Door-knocking all weekend for @ElenaMarsh4Mayor, we need her back in city hall! #MarshForMayor"
    report_data["findings"] += [
        {"id": 40, "post_id": None, "account_id": 1, "concern": "un-affiliation", "severity": "info", "score": 1.0,
         "timing": None, "action": "keep", "pack": "p",
         "explanation": {"reason": "r", "evidence": ["bio/name mentions UNDP", "bio/name mentions 🇺🇳"]}},
        {"id": 41, "post_id": None, "account_id": 1, "concern": "affiliation-with-partisanship", "severity": "high",
         "score": 1.0, "timing": None, "action": "edit", "pack": "p",
         "explanation": {"reason": "r", "evidence": [long_text[:40]]}},
    ]
    ctx = build_context(report_data)
    card = next(a for a in ctx["account_findings"] if a["id"] == "affiliation-with-partisanship")
    row = card["accounts"][0]
    assert row["choice"].startswith("Either remove \u201cUNDP\u201d, \u201c🇺🇳\u201d from this profile")
    assert "these 2 partisan posts" in row["choice"]
    assert long_text in [p["text"] for p in row["posts"]]
    assert card["advice"]  # never empty: the pack's advice, else the action in words


def test_possible_matches_are_reread_and_merged_copies_get_each_platforms_howto(report_data: dict[str, Any]) -> None:
    text = "Morning walk along Puerto Alba harbour. The light today was unreal."
    _add(report_data, 97, text, platform="mastodon")
    _add(report_data, 98, text, platform="bluesky", account_id=2)
    for pid in (97, 98):
        _finding(report_data, pid, "security-risk", "medium", 0.52)
    card = next(p for p in build_context(report_data)["post_findings"] if p["text"] == text)
    assert card["action"] == "review"
    assert [h.split(":")[0] for h in card["howtos"]] == ["If you decide to remove it \u2014 Mastodon",
                                                          "If you decide to remove it \u2014 Bluesky"]

"""The report's words for ids: every id the data can hold has a label, and an unknown id is still readable."""

from __future__ import annotations

from selfaudit.crawler.items import POST_KINDS
from selfaudit.reports import labels as L
from selfaudit.reports.plots import SEVERITIES


def test_label_reads_both_kinds_of_table() -> None:
    assert L.label(L.KINDS, "quote") == "Quote post"
    assert L.label({"x": "Title"}, "x") == "Title"


def test_a_concern_is_named_as_the_pack_names_it() -> None:
    concerns = {"security-risk": {"title": "Security risk", "about": "Travel, places, premises."}}
    assert L.concern_label(concerns, "security-risk") == ("Security risk", "Travel, places, premises.")


def test_an_unknown_id_becomes_words_and_none_is_unknown() -> None:
    assert L.label(L.KINDS, "story_highlight") == "Story highlight"
    assert L.concern_label({}, "brand-new-concern") == ("Brand new concern", "")
    assert L.label(L.PLATFORMS, None) == "Unknown"


def test_every_post_kind_has_a_label() -> None:
    assert set(POST_KINDS) <= set(L.KINDS)


def test_severities_agree_everywhere() -> None:
    assert list(L.SEVERITY_LABELS) == list(SEVERITIES)
    assert sorted(L.SEVERITY_RANK, key=L.SEVERITY_RANK.__getitem__) == list(SEVERITIES)


def test_every_platform_that_can_hold_posts_has_its_name() -> None:
    crawled = {"mastodon", "bluesky", "web"}
    imported = {"x", "facebook", "instagram", "linkedin", "threads"}
    assert crawled | imported <= set(L.PLATFORMS)
    assert L.label(L.PLATFORMS, "x") == "X (Twitter)"


def test_every_timing_has_a_label() -> None:
    assert set(L.TIMINGS) == {"pre-appointment", "post-appointment", "unknown"}

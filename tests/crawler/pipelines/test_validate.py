"""The validate pipeline: posts the store would refuse are dropped and counted by reason; others pass."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from selfaudit.crawler.items import POST_KINDS, LinkItem, PostItem, ProfileItem
from selfaudit.crawler.pipelines.validate import ValidatePipeline, post_problem


def _post(**changes: Any) -> PostItem:
    fields: dict[str, Any] = {"platform": "mastodon", "account": "me@h.example", "native_id": "https://h.example/s/1",
                              "url": "https://h.example/@me/1", "created_at": "2024-05-01T12:00:00Z", "kind": "original"}
    return PostItem(**(fields | changes))


@pytest.fixture
def pipeline() -> ValidatePipeline:
    return ValidatePipeline.from_crawler(get_crawler(settings_dict={"TELNETCONSOLE_ENABLED": False}))


@pytest.mark.parametrize("kind", sorted(POST_KINDS))
def test_every_post_kind_passes(pipeline: ValidatePipeline, kind: str) -> None:
    post = _post(kind=kind)
    assert pipeline.process_item(post) is post


def test_a_post_without_a_date_passes() -> None:
    assert post_problem(_post(created_at=None)) is None


@pytest.mark.parametrize(("changes", "why"), [
    ({"native_id": ""}, "no_id"),
    ({"kind": "boost"}, "bad_kind"),
    ({"created_at": "2024-05-01 12:00:00"}, "bad_date"),
    ({"created_at": "2024-05-01T12:00:00+02:00"}, "bad_date"),
    ({"created_at": "2024-05-01T12:00:00.123Z"}, "bad_date"),
    ({"text": None}, "bad_text"),
])
def test_bad_posts_are_dropped_and_counted(pipeline: ValidatePipeline, changes: dict[str, Any], why: str) -> None:
    with pytest.raises(DropItem, match=why):
        pipeline.process_item(_post(**changes))
    assert pipeline.stats.get_value(f"selfaudit/dropped/{why}") == 1  # type: ignore[union-attr]
    with pytest.raises(DropItem):
        pipeline.process_item(_post(**changes))
    assert pipeline.stats.get_value(f"selfaudit/dropped/{why}") == 2  # type: ignore[union-attr]


def test_other_items_are_not_its_business(pipeline: ValidatePipeline) -> None:
    for item in (ProfileItem(platform="mastodon", account="me@h.example"),
                 LinkItem(platform="mastodon", account="me@h.example", url="not even a url"), {"a": "dict"}):
        assert pipeline.process_item(item) is item


def test_without_stats_it_still_drops() -> None:
    with pytest.raises(DropItem):
        ValidatePipeline().process_item(_post(kind="boost"))

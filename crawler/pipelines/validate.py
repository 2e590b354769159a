"""Drop malformed items before they reach the store, counting why."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem
from selfaudit.crawler.items import PostItem

from selfaudit.values import POST_KINDS

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["ValidatePipeline", "post_problem"]

_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def post_problem(item: PostItem) -> str | None:
    """Why a post item cannot be stored, or None when it is fine."""
    if not item.native_id:
        return "no_id"
    if item.kind not in POST_KINDS:
        return "bad_kind"
    if item.created_at is not None and not _UTC.match(item.created_at):
        return "bad_date"
    if not isinstance(item.text, str):
        return "bad_text"
    return None


class ValidatePipeline:
    """Raise DropItem for posts the store would reject; bump ``selfaudit/dropped/<why>``."""

    def __init__(self, *, stats: Any | None = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(stats=crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PostItem) and (why := post_problem(item)):
            if self.stats is not None:
                self.stats.inc_value(f"selfaudit/dropped/{why}")
            raise DropItem(f"post {item.native_id!r}: {why}")
        return item

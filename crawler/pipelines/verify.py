"""Write what the verify spider learnt into the store: one re-check per post, one row set per copy look-up.

Each answer is committed as it comes, so a verify run that is stopped keeps what
it learnt; the run id ties the answers to the ``verify`` run the parent opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from selfaudit.crawler.items import CopiesItem, VerifyItem

from selfaudit.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["VerifyPipeline"]


class VerifyPipeline:
    """The only writer of a verify run: ``VerifyItem`` and ``CopiesItem`` in, store rows out."""

    def __init__(self, *, db_path: str, run_id: int = 0) -> None:
        self.db_path = db_path
        self.run_id = run_id or None
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(db_path=crawler.settings.get("SELFAUDIT_DB"), run_id=crawler.settings.getint("SELFAUDIT_RUN_ID"))

    def open_spider(self) -> None:
        self.store = Store.open(self.db_path)

    def close_spider(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item: Any) -> Any:
        store = self.store
        if store is None:
            return item
        if isinstance(item, VerifyItem):
            store.record_verification(item.post_id, status=item.status, run_id=self.run_id,
                                      http_status=item.http_status, detail=item.detail, edited=item.edited)
        elif isinstance(item, CopiesItem):
            store.record_copies(item.post_id, source=item.source, about=item.about, checked=item.checked,
                                copies=item.copies, run_id=self.run_id, detail=item.detail)
        return item

"""Keep the pictures the media spider fetched, in small batches, through the store (#13)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from selfaudit.crawler.items import MediaItem

from selfaudit.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["MediaPipeline"]


class MediaPipeline:
    """``MediaItem`` in, a content-addressed private file and a ``media`` row out; other items pass."""

    def __init__(self, *, db_path: str, batch: int = 20) -> None:
        self.db_path = db_path
        self.batch = max(1, batch)
        self._items: list[dict[str, Any]] = []
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(db_path=crawler.settings.get("SELFAUDIT_DB"))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, MediaItem):
            self._items.append({"platform": item.platform, "account": item.account, "native_id": item.native_id,
                                "origin": item.origin, "data": item.data})
            if len(self._items) >= self.batch:
                self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered pictures (opens the store on first use: most crawls fetch none)."""
        if not self._items:
            return
        if self.store is None:
            self.store = Store.open(self.db_path)
        self.store.add_media(self._items)
        self._items = []

    def close_spider(self) -> None:
        self.flush()
        if self.store is not None:
            self.store.close()
            self.store = None

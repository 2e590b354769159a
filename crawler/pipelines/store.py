"""Write items into the selfaudit store in small transactions.

Posts, profiles and links are buffered and committed together with the
paging checkpoint that follows them, so a killed crawl loses nothing it has
committed and resumes exactly after it. A finished full pass marks the
account's posts that were not seen again as gone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Self

from selfaudit.crawler.items import AccountStatusItem, CheckpointItem, LinkItem, PostItem, ProfileItem

from selfaudit.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["StorePipeline", "stream_state_key"]

_POST_FIELDS = tuple(f.name for f in fields(PostItem))
_PROFILE_FIELDS = tuple(f.name for f in fields(ProfileItem))
_LINK_FIELDS = tuple(f.name for f in fields(LinkItem))


def _row(item: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """A shallow dict of an item (``asdict`` deep-copies, which costs seconds on a 20,000-post crawl)."""
    return {name: getattr(item, name) for name in names}


def stream_state_key(stream: str) -> str:
    """The cursors-table key of a stream's paging state."""
    return f"crawl:{stream}"


class StorePipeline:
    """The only writer of a crawl: items in, SQLite rows out."""

    def __init__(self, *, db_path: str, run_id: int = 0, commit_every: int = 200, stats: Any | None = None) -> None:
        self.db_path = db_path
        self.run_id = run_id
        self.commit_every = max(1, commit_every)
        self.stats = stats
        self.store: Store | None = None
        self._posts: list[dict[str, Any]] = []
        self._profiles: list[dict[str, Any]] = []
        self._links: list[dict[str, Any]] = []
        self.counts: dict[tuple[str, str], int] = defaultdict(int)
        self.errors: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.full: dict[tuple[str, str], bool] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        s = crawler.settings
        return cls(db_path=s.get("SELFAUDIT_DB"), run_id=s.getint("SELFAUDIT_RUN_ID"),
                   commit_every=s.getint("SELFAUDIT_COMMIT_EVERY", 200), stats=crawler.stats)

    def open_spider(self) -> None:
        self.store = Store.open(self.db_path)

    def close_spider(self) -> None:
        self.flush()
        if self.store is None:
            return
        if self.run_id:
            for key in sorted(set(self.counts) | set(self.errors)):
                # another spider of the same run (bio links) may have reported this account already
                before = self.store.run_account(self.run_id, key[0], key[1]) or {}
                errors = [*before.get("errors", []), *self.errors.get(key, [])]
                self.store.record_account_status(
                    self.run_id, key[0], key[1], status="error" if errors else "ok",
                    items=int(before.get("items", 0)) + self.counts.get(key, 0), errors=errors,
                    full_pass=bool(before.get("full_pass")) or self.full.get(key, False))
        self.store.close()
        self.store = None

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PostItem):
            self._posts.append(_row(item, _POST_FIELDS))
            self.counts[(item.platform, item.account)] += 1
        elif isinstance(item, ProfileItem):
            self._profiles.append(_row(item, _PROFILE_FIELDS))
            self.counts.setdefault((item.platform, item.account), 0)
        elif isinstance(item, LinkItem):
            self._links.append(_row(item, _LINK_FIELDS))
        elif isinstance(item, AccountStatusItem):
            key = (item.platform, item.account)
            self.counts.setdefault(key, 0)
            if item.error:
                self.errors[key].append(item.error)
                if self.stats is not None:
                    self.stats.inc_value("selfaudit/account_errors")
        elif isinstance(item, CheckpointItem):
            self.flush(checkpoint=item)
            return item
        if len(self._posts) + len(self._links) + len(self._profiles) >= self.commit_every:
            self.flush()
        return item

    def flush(self, *, checkpoint: CheckpointItem | None = None) -> None:
        """Commit the buffer (and the checkpoint after it) in one transaction."""
        store = self.store
        if store is None:
            return
        with store.transaction():
            result = store.save_gathered(posts=self._posts, profiles=self._profiles, links=self._links)
            if self._posts and self.stats is not None:
                self.stats.inc_value("selfaudit/posts_inserted", result.inserted)
                self.stats.inc_value("selfaudit/posts_updated", result.updated)
            if checkpoint is not None:
                self._checkpoint(store, checkpoint)
        self._posts, self._profiles, self._links = [], [], []

    def _checkpoint(self, store: Store, cp: CheckpointItem) -> None:
        key = stream_state_key(cp.stream)
        raw = store.get_cursor(cp.platform, cp.account, key)
        state: dict[str, Any] = json.loads(raw) if raw else {}
        if not cp.done:
            state.update({"cursor": cp.cursor, "full": cp.full})
            state.setdefault("pass_started", cp.pass_started)
            store.set_cursor(cp.platform, cp.account, key, json.dumps(state))
            return
        if cp.full and (since := state.get("pass_started") or cp.pass_started):
            gone = store.mark_gone(cp.platform, cp.account, since=since, kinds=cp.kinds or None)
            if self.stats is not None and gone:
                self.stats.inc_value("selfaudit/marked_gone", gone)
            self.full[(cp.platform, cp.account)] = True
        # the stream has been read to its end once: later runs may stop at known posts
        store.set_cursor(cp.platform, cp.account, key, json.dumps({"complete": True}))

"""The one write path for what the crawl and the archive importers gather."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from selfaudit.store.links import Links
from selfaudit.store.posts import Posts, UpsertResult

__all__ = ["Gathered"]


class Gathered(Posts, Links):
    """Posts, profile snapshots and links written together, whichever route found them."""

    def save_gathered(
        self,
        *,
        posts: Iterable[Mapping[str, Any]] = (),
        profiles: Iterable[Mapping[str, Any]] = (),
        links: Iterable[Mapping[str, Any]] = (),
    ) -> UpsertResult:
        """Write one batch from a spider or an archive in one transaction (joining an open one).

        Posts go first, then profile snapshots, then links, so a crawl and an
        import of the same account leave the same rows.

        Returns:
            What the posts' upsert changed.
        """
        with self.transaction():
            result = self.upsert_posts(posts)
            for profile in profiles:
                self.add_profile(profile)
            self.add_links(links)
        return result

"""Read-only summaries across tables for ``selfaudit status`` and the report."""

from __future__ import annotations

from typing import Any

from selfaudit.store.posts import _decode_post
from selfaudit.store.writer import Writer

__all__ = ["Queries"]


class Queries(Writer):
    """Summaries that join several tables."""

    def stats(self) -> dict[str, Any]:
        """What the store holds, for ``selfaudit status``."""
        q = self._conn.execute
        per_account = [
            dict(r)
            for r in q(
                "SELECT a.platform, a.handle, COUNT(p.id) AS posts, MIN(p.created_at) AS first_at, MAX(p.created_at) AS last_at,"
                " SUM(p.gone_at IS NOT NULL) AS gone FROM accounts a LEFT JOIN posts p ON p.account_id=a.id"
                " GROUP BY a.id ORDER BY a.id"
            )
        ]
        kinds = [dict(r) for r in q("SELECT platform, kind, COUNT(*) AS n FROM posts GROUP BY platform, kind ORDER BY platform, kind")]
        severities = {r[0]: r[1] for r in q("SELECT severity, COUNT(*) FROM findings GROUP BY severity")}
        last = q("SELECT kind, started_at, finished_at, status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        last_crawl = q("SELECT started_at, finished_at, status FROM runs WHERE kind='crawl' ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "path": str(self.path),
            "schema_version": self.schema_version(),
            "accounts": per_account,
            "kinds": kinds,
            "posts": int(q("SELECT COUNT(*) FROM posts").fetchone()[0]),
            "findings": severities,
            "last_run": dict(last) if last else None,
            "last_crawl": dict(last_crawl) if last_crawl else None,
        }

    def report_coverage(self) -> list[dict[str, Any]]:
        """Per account: posts gathered, first and last date, and sources (crawl/archive)."""
        sql = (
            "SELECT a.id AS account_id, COUNT(p.id) AS posts, MIN(p.created_at) AS first, MAX(p.created_at) AS last,"
            " GROUP_CONCAT(DISTINCT p.source) AS sources FROM accounts a LEFT JOIN posts p ON p.account_id=a.id"
            " GROUP BY a.id ORDER BY a.id"
        )
        return [{**dict(r), "sources": sorted((r["sources"] or "").split(",")) if r["sources"] else []}
                for r in self._conn.execute(sql)]

    def flagged_posts(self, *, pack: str | None = None) -> list[dict[str, Any]]:
        """Posts with at least one finding (of ``pack``), with the account's handle and service URL."""
        sql = (
            "SELECT p.*, a.handle AS account, a.service_url FROM posts p JOIN accounts a ON a.id=p.account_id"
            " WHERE p.id IN (SELECT post_id FROM findings WHERE post_id IS NOT NULL"
            + (" AND pack=?" if pack else "") + ") ORDER BY p.id"
        )
        return [_decode_post(row) for row in self._conn.execute(sql, (pack,) if pack else ())]

"""What analysis and verification produce: the embedding cache, findings, verifications."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from selfaudit.store.posts import Posts
from selfaudit.store.writer import _json
from selfaudit.values import now_iso

__all__ = ["Results"]


class Results(Posts):
    """The ``embeddings``, ``findings``, ``analyzed`` and ``verifications`` tables."""

    def get_embeddings(self, model: str, hashes: Iterable[str]) -> dict[str, bytes]:
        """Cached vectors (raw float32 bytes) for the given text hashes."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._conn.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model=? AND text_hash IN ({','.join('?' for _ in chunk)})",
                (model, *chunk),
            )
            found.update({r[0]: bytes(r[1]) for r in rows})
        return found

    def put_embeddings(self, model: str, vectors: Mapping[str, bytes], *, dim: int) -> None:
        """Cache vectors (raw float32 bytes) keyed by model and text hash."""
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings(model, text_hash, dim, vector) VALUES (?,?,?,?)",
                [(model, h, dim, v) for h, v in vectors.items()],
            )

    def posts_to_analyze(self, pack: str, *, all_posts: bool = False) -> list[dict[str, Any]]:
        """Posts that are new or changed since the last analysis with ``pack`` (all with ``all_posts``)."""
        posts = list(self.iter_posts())
        if all_posts:
            return posts
        done = self.analyzed_hashes(pack)
        return [p for p in posts if done.get(p["id"]) != p["content_hash"]]

    def replace_post_findings(
        self, pack: str, results: Mapping[int, tuple[str, list[Mapping[str, Any]]]]
    ) -> None:
        """Replace the findings of the given posts, in one transaction.

        Args:
            pack: the policy pack id.
            results: ``{post_id: (content_hash, [finding, ...])}``; a finding has
                ``concern, severity, score, timing, explanation, action``.
        """
        now = now_iso()
        with self._write() as conn:
            for post_id, (digest, findings) in results.items():
                conn.execute("DELETE FROM findings WHERE post_id=? AND pack=?", (post_id, pack))
                for f in findings:
                    conn.execute(
                        "INSERT INTO findings(post_id, concern, severity, score, timing, explanation, action, pack, created_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?)",
                        (post_id, f["concern"], f["severity"], float(f["score"]), f.get("timing"),
                         _json(f.get("explanation") or {}, "{}"), f.get("action"), pack, now),
                    )
                conn.execute(
                    "INSERT OR REPLACE INTO analyzed(post_id, pack, content_hash, analyzed_at) VALUES (?,?,?,?)",
                    (post_id, pack, digest, now),
                )

    def replace_account_findings(self, pack: str, findings: Iterable[Mapping[str, Any]]) -> None:
        """Replace every account finding of ``pack`` (account judgements are cheap and global)."""
        now = now_iso()
        with self._write() as conn:
            conn.execute("DELETE FROM findings WHERE account_id IS NOT NULL AND pack=?", (pack,))
            for f in findings:
                conn.execute(
                    "INSERT INTO findings(account_id, concern, severity, score, timing, explanation, action, pack, created_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (f["account_id"], f["concern"], f["severity"], float(f["score"]), f.get("timing"),
                     _json(f.get("explanation") or {}, "{}"), f.get("action"), pack, now),
                )

    def findings(self, *, pack: str | None = None) -> list[dict[str, Any]]:
        """All findings with their post's and account's identity; explanation decoded."""
        sql = (
            "SELECT f.*, COALESCE(p.platform, a.platform) AS platform, COALESCE(pa.handle, a.handle) AS account,"
            " p.native_id, p.url, p.created_at AS post_created_at, p.kind, p.text, p.gone_at"
            " FROM findings f LEFT JOIN posts p ON p.id=f.post_id LEFT JOIN accounts pa ON pa.id=p.account_id"
            " LEFT JOIN accounts a ON a.id=f.account_id"
            + (" WHERE f.pack=?" if pack else "")
            + " ORDER BY f.id"
        )
        out = []
        for row in self._conn.execute(sql, (pack,) if pack else ()):
            item = dict(row)
            item["explanation"] = json.loads(item["explanation"])
            out.append(item)
        return out

    def record_verification(
        self, post_id: int, *, status: str, run_id: int | None = None, http_status: int | None = None, detail: str | None = None
    ) -> None:
        """Record one re-check of a flagged post; ``gone`` also sets the post's ``gone_at``."""
        with self._write() as conn:
            now = now_iso()
            conn.execute(
                "INSERT INTO verifications(run_id, post_id, status, http_status, detail, checked_at) VALUES (?,?,?,?,?,?)",
                (run_id, post_id, status, http_status, detail, now),
            )
            if status == "gone":
                self.mark_post_gone(post_id, when=now)

    def verifications(self) -> list[dict[str, Any]]:
        """Every verification, oldest first."""
        return [dict(r) for r in self._conn.execute("SELECT * FROM verifications ORDER BY checked_at, id")]

    def analyzed_hashes(self, pack: str) -> dict[int, str]:
        """``{post_id: content_hash}`` as last judged with ``pack`` (one query, for change detection)."""
        return {int(r[0]): r[1] for r in self._conn.execute("SELECT post_id, content_hash FROM analyzed WHERE pack=?", (pack,))}

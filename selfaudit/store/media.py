"""The pictures of posts: files kept content-addressed in the data folder, their facts and media findings (#13).

A picture is stored once under ``<data folder>/media/<sha256[:2]>/<sha256>.<ext>``
(mode 0600, folders 0700) whatever post or archive it came from, so an import
run twice, or a crawl that meets the same file again, never writes or fetches
it again. Rows link each file to its post and keep what analysis found in it
(``facts``: JSON from :mod:`selfaudit.analysis.media`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from selfaudit.files import ensure_private_dir, write_private_bytes
from selfaudit.store.writer import Writer, _json
from selfaudit.values import now_iso

__all__ = ["Media", "MEDIA_DIR", "media_suffix"]

MEDIA_DIR = "media"
"""Folder of the data folder that holds the pictures."""

_MAGIC = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
          (b"BM", "bmp"), (b"II*\x00", "tif"), (b"MM\x00*", "tif"))


def media_suffix(data: bytes) -> str:
    """The file suffix from the bytes' signature (never from the name the archive gave it)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    return next((ext for magic, ext in _MAGIC if data.startswith(magic)), "bin")


class Media(Writer):
    """The ``media`` table and the files it names."""

    @property
    def media_dir(self) -> Path:
        """``<data folder>/media``, next to the database file."""
        return self.path.parent / MEDIA_DIR

    def media_path(self, file: str) -> Path:
        """The stored picture's path; ``file`` is a row's ``file`` (``<sha>.<ext>``, checked, never a path)."""
        name = Path(file).name
        return self.media_dir / name[:2] / name

    def add_media(self, items: Iterable[Mapping[str, Any]]) -> int:
        """Keep pictures and link them to their posts; returns how many links are new.

        Args:
            items: ``platform, account, native_id`` (the post), ``origin`` (archive member or URL) and
                ``data`` (bytes). Items whose post is not stored are skipped.
        """
        added = 0
        with self._write() as conn:
            for item in items:
                row = conn.execute(
                    "SELECT p.id FROM posts p JOIN accounts a ON a.id=p.account_id"
                    " WHERE p.platform=? AND a.handle=? AND p.native_id=?",
                    (item["platform"], item["account"], item["native_id"])).fetchone()
                if row is None:
                    continue
                data: bytes = item["data"]
                digest = hashlib.sha256(data).hexdigest()
                file = f"{digest}.{media_suffix(data)}"
                path = self.media_path(file)
                if not path.exists():
                    ensure_private_dir(path.parent)
                    write_private_bytes(path, data)
                cur = conn.execute(
                    "INSERT OR IGNORE INTO media(post_id, sha256, file, origin, bytes, added_at) VALUES (?,?,?,?,?,?)",
                    (int(row[0]), digest, file, str(item.get("origin") or "")[:2000], len(data), now_iso()))
                added += cur.rowcount
        return added

    def has_media_origin(self, origin: str) -> bool:
        """Whether a picture from this archive member or URL is already kept (never fetch it again)."""
        return self._conn.execute("SELECT 1 FROM media WHERE origin=? LIMIT 1", (origin,)).fetchone() is not None

    def media(self, *, post_id: int | None = None) -> list[dict[str, Any]]:
        """Media rows (``facts`` decoded, None when not analysed yet), oldest first."""
        sql = "SELECT * FROM media" + (" WHERE post_id=?" if post_id is not None else "") + " ORDER BY id"
        out = []
        for r in self._conn.execute(sql, (post_id,) if post_id is not None else ()):
            item = dict(r)
            item["facts"] = json.loads(item["facts"]) if item["facts"] else None
            out.append(item)
        return out

    def media_to_analyze(self, version: int) -> list[dict[str, Any]]:
        """Distinct stored files whose facts are missing or older than ``version`` (one row per file)."""
        rows = self._conn.execute(
            "SELECT file, MIN(id) AS id FROM media WHERE facts IS NULL OR facts_version < ? GROUP BY file ORDER BY id",
            (version,))
        return [dict(r) for r in rows]

    def set_media_facts(self, facts: Mapping[str, Mapping[str, Any]], *, version: int) -> None:
        """Store analysis facts per file (every row of that file gets them)."""
        with self._write() as conn:
            conn.executemany("UPDATE media SET facts=?, facts_version=? WHERE file=?",
                             [(_json(dict(f), "{}"), version, file) for file, f in facts.items()])

    def replace_media_findings(self, pack: str, results: Mapping[int, list[Mapping[str, Any]]]) -> None:
        """Replace the media findings (``explanation.origin == "media"``) of the given posts; text findings stay.

        A post has one finding per concern: when its text already raised the same
        concern (a page that names the compound, with the compound's GPS in its
        photo), the stronger of the two is kept and the weaker dropped.
        """
        now = now_iso()
        with self._write() as conn:
            for post_id, findings in results.items():
                conn.execute("DELETE FROM findings WHERE post_id=? AND pack=? AND "
                             "json_extract(explanation, '$.origin')='media'", (post_id, pack))
                for f in findings:
                    held = conn.execute("SELECT id, score FROM findings WHERE post_id=? AND concern=? AND pack=?",
                                        (post_id, f["concern"], pack)).fetchone()
                    if held is not None:
                        if float(held[1] or 0.0) >= float(f["score"]):
                            continue
                        conn.execute("DELETE FROM findings WHERE id=?", (held[0],))
                    conn.execute(
                        "INSERT INTO findings(post_id, concern, severity, score, timing, explanation, action, pack,"
                        " created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        (post_id, f["concern"], f["severity"], float(f["score"]), f.get("timing"),
                         _json(f.get("explanation") or {}, "{}"), f.get("action"), pack, now))

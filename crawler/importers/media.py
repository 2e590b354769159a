"""The pictures an export holds for its posts, and the positions Meta's exports record (pure functions).

Positions (a Facebook check-in's ``place.coordinate``, Instagram's
``exif_data`` latitude/longitude) are kept in the post's ``extra["geo"]``: the
audit exists to tell the user what their posts give away, and the store is
private (0600). IPs and phone numbers are still never copied.

Media files are found by each platform's layout (X ``data/tweets_media/<tweet
id>-<name>``, Facebook ``posts/media/...`` or ``your_facebook_activity/posts/media/...``,
Instagram ``media/...``, Mastodon ``media_attachments/...``) and read under
caps (:class:`MediaLimits`): a post's picture is evidence, not a reason to
read gigabytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from selfaudit.crawler.importers.records import Bundle
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.items import PostItem

__all__ = ["IMAGE_SUFFIXES", "MediaLimits", "MediaFile", "geo_from_place", "geo_from_exif_data", "media_geo",
           "media_members", "iter_media", "gather_media"]

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".heic")
"""Media members that are gathered; videos are counted and left in the archive."""


@dataclass(frozen=True, slots=True)
class MediaLimits:
    """Caps on the pictures one import gathers.

    Attributes:
        max_files: most pictures read from one archive.
        max_file_bytes: largest single picture read (larger ones get a note).
        max_total_bytes: most bytes of pictures read from one archive.
    """

    max_files: int = 20_000
    max_file_bytes: int = 40 * 2**20
    max_total_bytes: int = 4 * 2**30


@dataclass(slots=True)
class MediaFile:
    """One picture read from an archive for one post (bytes in memory until the store keeps them)."""

    platform: str
    account: str
    native_id: str
    member: str
    data: bytes


def _coord(value: Any, limit: float) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return out if math.isfinite(out) and abs(out) <= limit else None


def _geo(lat: Any, lon: Any, *, source: str, name: Any = None, media: Any = None) -> dict[str, Any] | None:
    la, lo = _coord(lat, 90), _coord(lon, 180)
    if la is None or lo is None or (la == 0 and lo == 0):
        return None
    out: dict[str, Any] = {"lat": la, "lon": lo, "source": source}
    if isinstance(name, str) and name:
        out["name"] = name
    if isinstance(media, str) and media:
        out["media"] = media
    return out


def geo_from_place(place: Any) -> dict[str, Any] | None:
    """A Facebook ``place`` (``{name, coordinate: {latitude, longitude}, address, url}``) as a geo entry."""
    if not isinstance(place, Mapping):
        return None
    coord = place.get("coordinate") if isinstance(place.get("coordinate"), Mapping) else {}
    return _geo(coord.get("latitude"), coord.get("longitude"), source="facebook place", name=place.get("name"))


def geo_from_exif_data(media: Any, *, platform: str) -> dict[str, Any] | None:
    """``media_metadata.photo_metadata.exif_data[*].latitude/longitude`` of an Instagram/Facebook media entry."""
    if not isinstance(media, Mapping):
        return None
    meta = media.get("media_metadata")
    for kind in ("photo_metadata", "video_metadata"):
        rows = (meta.get(kind) or {}).get("exif_data") if isinstance(meta, Mapping) and isinstance(
            meta.get(kind), Mapping) else None
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, Mapping) and "latitude" in row and (
                    geo := _geo(row.get("latitude"), row.get("longitude"), source=f"{platform} exif_data",
                                media=media.get("uri"))):
                return geo
    return None


def media_geo(entries: Iterable[Any], *, platform: str) -> list[dict[str, Any]]:
    """The geo entries of a post's media list (duplicates removed)."""
    out: list[dict[str, Any]] = []
    for m in entries:
        if (geo := geo_from_exif_data(m, platform=platform)) and geo not in out:
            out.append(geo)
    return out


def _x_members(rec: PostItem, names: set[str], root: str) -> list[str]:
    """X: ``data/tweets_media/<tweet id>-<basename of media_url>`` (``tweet_media`` before 2022)."""
    out = []
    for url in rec.extra.get("media") or []:
        base = str(url).rsplit("/", 1)[-1]
        for folder in ("data/tweets_media/", "data/tweet_media/"):
            if (name := f"{root}{folder}{rec.native_id}-{base}") in names:
                out.append(name)
                break
    return out


def media_members(platform: str, rec: PostItem, names: set[str], root: str) -> list[str]:
    """Archive member names of a post's pictures (only those present, only image suffixes).

    Args:
        platform: the bundle's platform.
        rec: the post record; its ``extra["media"]`` holds archive paths (Meta, Mastodon) or media URLs (X).
        names: all member names of the archive.
        root: the export's top folder.
    """
    if platform == "x":
        found = _x_members(rec, names, root)
    else:
        found = []
        for ref in rec.extra.get("media") or []:
            ref = str(ref).lstrip("/")
            for cand in (root + ref, root + "your_facebook_activity/" + ref, root + "your_instagram_activity/" + ref):
                if cand in names:
                    found.append(cand)
                    break
    return [n for n in found if n.lower().endswith(IMAGE_SUFFIXES)]


def iter_media(source: ArchiveSource, bundles: list[Bundle], root: str, *, limits: MediaLimits | None = None,
               notes: list[str] | None = None) -> Iterator[MediaFile]:
    """The pictures of every post in ``bundles``, read one at a time from the archive within the caps.

    Args:
        source: the open archive.
        bundles: the parsed records (their ``extra["media"]`` name the pictures).
        root: the export's top folder.
        limits: the caps.
        notes: receives one line per file or cap that made a picture be left out; a bad
            picture never stops the import.
    """
    lim = limits or MediaLimits()
    notes = notes if notes is not None else []
    names = set(source.names())
    wanted: dict[str, list[tuple[str, str, str]]] = {}
    for b in bundles:
        for rec in b.posts:
            for member in media_members(b.platform, rec, names, root):
                wanted.setdefault(member, []).append((b.platform, b.account, rec.native_id))
    if len(wanted) > lim.max_files:
        notes.append(f"{len(wanted)} pictures in the archive; only the first {lim.max_files} were read")
    total = 0
    for member, data, note in source.read_media(sorted(wanted)[: lim.max_files], max_bytes=lim.max_file_bytes):
        if note:
            notes.append(note)
            continue
        total += len(data)
        if total > lim.max_total_bytes:
            notes.append(f"pictures over {lim.max_total_bytes} bytes in all; the rest were left in the archive")
            return
        for platform, account, native_id in wanted[member]:
            yield MediaFile(platform, account, native_id, member, data)


def gather_media(source: ArchiveSource, bundles: list[Bundle], root: str, *,
                 limits: MediaLimits | None = None) -> tuple[list[MediaFile], list[str]]:
    """All of :func:`iter_media` at once: ``(files, notes)``."""
    notes: list[str] = []
    files = list(iter_media(source, bundles, root, limits=limits, notes=notes))
    return files, notes

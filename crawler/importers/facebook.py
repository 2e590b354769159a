"""Facebook "Download Your Information" JSON export (old and 2024+ layouts) to records.

Meta writes UTF-8 bytes as ``\\u00XX`` escapes; every file is repaired (keys
and values) before use. Posts have no id in the export, so they are keyed by
``timestamp + hash(text)``, which is the same in every export of the same
post; duplicate entries within one export collapse. IPs and phone numbers are
never copied; a check-in's or photo's position goes to ``extra["geo"]`` (#13).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from selfaudit.crawler.importers.media import geo_from_exif_data, geo_from_place
from selfaudit.crawler.importers.records import Bundle, fix_mojibake, link, load_json, post, profile, stable_id, unix_iso
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.items import PostItem

__all__ = ["PLATFORM", "find_root", "post_files", "parse_posts", "parse_comments", "parse_profile", "parse_archive"]

PLATFORM = "facebook"
_POSTS = re.compile(r"^(?:your_facebook_activity/)?posts/(your_posts(?:__check_ins__photos_and_videos)?_\d+"
                    r"|your_videos|your_uncategorized_photos)\.json$")
_COMMENTS = ("your_facebook_activity/comments_and_reactions/comments.json",
             "comments_and_reactions/comments.json", "comments/comments.json")
_PROFILE = ("personal_information/profile_information/profile_information.json",
            "profile_information/profile_information.json")
_MARKERS = re.compile(r"(?:^|/)((?:your_facebook_activity/)?posts/your_posts\w*_\d+\.json"
                      r"|(?:personal_information/)?profile_information/profile_information\.json)$")


def find_root(names: list[str]) -> str | None:
    """The export's top folder (``""`` when unpacked at the top), or None."""
    for name in names:
        if m := _MARKERS.search(name):
            return name[: m.start(1)]
    return None


def post_files(names: list[str], root: str) -> list[str]:
    """Post files of either layout, in a stable order."""
    return sorted(n for n in names if n.startswith(root) and _POSTS.match(n[len(root):]))


def _attachments(entry: dict[str, Any]) -> tuple[list[str], list[str], dict[str, Any]]:
    """``(links, media descriptions, extra)`` from ``attachments``; places keep only their name."""
    links: list[str] = []
    captions: list[str] = []
    extra: dict[str, Any] = {}
    for att in entry.get("attachments") or []:
        for data in (att or {}).get("data") or []:
            if not isinstance(data, dict):
                continue
            if (ext := data.get("external_context")) and ext.get("url"):
                links.append(ext["url"])
            if media := data.get("media"):
                if media.get("description"):
                    captions.append(media["description"])
                if media.get("uri"):
                    extra.setdefault("media", []).append(media["uri"])
                if geo := geo_from_exif_data(media, platform=PLATFORM):
                    extra.setdefault("geo", []).append(geo)
            if (place := data.get("place")) and isinstance(place, dict) and place.get("name"):
                extra["place"] = place["name"]
            if geo := geo_from_place(data.get("place")):
                extra.setdefault("geo", []).append(geo)
            if (event := data.get("event")) and event.get("name"):
                extra["event"] = event["name"]
    return links, captions, extra


def parse_posts(items: Any, *, account: str) -> list[PostItem]:
    """A (repaired) post file: the array of ``{timestamp, data, attachments, title, tags}``."""
    out: list[PostItem] = []
    if isinstance(items, dict):  # your_videos.json / photos wrap the array in one key
        items = next((v for v in items.values() if isinstance(v, list)), [])
    for entry in items if isinstance(items, list) else []:
        if not isinstance(entry, dict):
            continue
        texts = [d["post"] for d in entry.get("data") or [] if isinstance(d, dict) and d.get("post")]
        links, captions, extra = _attachments(entry)
        text = "\n\n".join(texts) if texts else "\n\n".join(captions)
        if texts and captions:
            extra["media_captions"] = captions
        if not text and not links and not extra.get("media"):
            continue
        ts = entry.get("timestamp") or next((d.get("update_timestamp") for d in entry.get("data") or []
                                             if isinstance(d, dict) and d.get("update_timestamp")), None)
        updated = next((d.get("update_timestamp") for d in entry.get("data") or []
                        if isinstance(d, dict) and d.get("update_timestamp")), None)
        if entry.get("title"):
            extra["title"] = entry["title"]
        if tags := [t if isinstance(t, str) else (t or {}).get("name") for t in entry.get("tags") or []]:
            extra["tagged"] = [t for t in tags if t]
        if links:
            extra["links"] = links
        out.append(post(platform=PLATFORM, account=account, native_id=f"{ts}-{stable_id(text, *links)}",
                        created_at=unix_iso(ts), kind="original", text=text, extra=extra,
                        edited_at=unix_iso(updated) if updated and updated != ts else None))
    return out


def parse_comments(data: Any, *, account: str) -> list[PostItem]:
    """``comments.json`` (``comments_v2`` or older ``comments``): own comments as replies."""
    items = (data.get("comments_v2") or data.get("comments") or []) if isinstance(data, dict) else data
    out: list[PostItem] = []
    for entry in items if isinstance(items, list) else []:
        if not isinstance(entry, dict):
            continue
        for d in entry.get("data") or []:
            comment = (d or {}).get("comment") if isinstance(d, dict) else None
            if not isinstance(comment, dict) or not comment.get("comment"):
                continue
            ts = comment.get("timestamp") or entry.get("timestamp")
            text = comment["comment"]
            links, _, extra = _attachments(entry)
            if entry.get("title"):
                extra["title"] = entry["title"]
            if links:
                extra["links"] = links
            out.append(post(platform=PLATFORM, account=account, native_id=f"c{ts}-{stable_id(text)}",
                            created_at=unix_iso(ts), kind="reply", text=text, extra=extra))
    return out


def parse_profile(data: Any) -> dict[str, Any]:
    """Facts of ``profile_information.json`` (``profile_v2`` or older ``profile``); phones dropped."""
    prof = (data.get("profile_v2") or data.get("profile") or {}) if isinstance(data, dict) else {}
    name = prof.get("name") or {}
    emails = prof.get("emails") or {}
    uri = prof.get("profile_uri") or ""
    work = [{"employer": w.get("employer"), "title": w.get("title")}
            for w in prof.get("work_experiences") or prof.get("work") or [] if isinstance(w, dict)]
    handle = prof.get("username") or urlsplit(uri).path.strip("/").split("/")[-1] or name.get("full_name")
    return {"handle": handle, "display_name": name.get("full_name") if isinstance(name, dict) else name,
            "emails": [e for e in emails.get("emails") or [] if isinstance(e, str)],
            "previous_emails": [e for e in emails.get("previous_emails") or [] if isinstance(e, str)],
            "url": uri or None, "bio": prof.get("intro_bio") or "", "work": [w for w in work if w["employer"]],
            "created_at": unix_iso(prof.get("registration_timestamp"))}


def _dedupe(posts: list[PostItem]) -> list[PostItem]:
    seen: dict[str, dict[str, Any]] = {}
    for rec in posts:
        seen.setdefault(rec.native_id, rec)
    return list(seen.values())


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None) -> list[Bundle]:
    """All records of a Facebook export under ``root`` (either layout)."""
    names = source.names()
    arch = str(source.path)

    def read(name: str) -> Any:
        return fix_mojibake(load_json(source.read(name), archive=arch, name=name))

    facts: dict[str, Any] = {}
    for rel in _PROFILE:
        if root + rel in names:
            facts = parse_profile(read(root + rel))
            break
    comments_raw = next((read(root + rel) for rel in _COMMENTS if root + rel in names), None)
    handle = facts.get("handle")
    if not handle and isinstance(comments_raw, dict):
        for entry in comments_raw.get("comments_v2") or comments_raw.get("comments") or []:
            for d in entry.get("data") or []:
                handle = handle or ((d or {}).get("comment") or {}).get("author")
    account = handle or "facebook-archive-owner"
    files = post_files(names, root)
    posts: list[PostItem] = []
    for i, name in enumerate(files):
        posts += parse_posts(read(name), account=account)
        if progress:
            progress("reading posts", i + 1, len(files))
    if comments_raw is not None:
        posts += parse_comments(comments_raw, account=account)
    bundle = Bundle(PLATFORM, account, posts=_dedupe(posts))
    if facts:
        links = [facts["url"]] if facts.get("url") else []
        bundle.profiles.append(profile(
            platform=PLATFORM, account=account, display_name=facts.get("display_name"), bio=facts["bio"],
            links=links, email=facts["emails"][0] if facts["emails"] else None, created_at=facts["created_at"],
            extra={"emails": facts["emails"] + facts["previous_emails"], "work": facts["work"]}))
        bundle.links = [link(platform=PLATFORM, account=account, url=u, label="profile") for u in links]
    else:
        bundle.notes.append("no profile_information.json in the export; profile facts not imported")
    return [bundle]

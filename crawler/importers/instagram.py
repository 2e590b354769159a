"""Instagram export JSON (2021-2025 layouts), with the Threads posts it carries, to records.

Files are repaired for Meta's mojibake first. Posts have no id, so they are
keyed by ``timestamp + hash(caption or media file names)``. Phone numbers are
never copied; the ``exif_data`` position of a picture goes to ``extra["geo"]`` (#13). Profile labels are localised, so e-mail
and website are recognised by their values as well as by their labels.
"""

from __future__ import annotations

import re
from typing import Any

from selfaudit.crawler.importers.media import media_geo
from selfaudit.crawler.importers.records import (
    Bundle,
    fix_mojibake,
    link,
    load_json,
    post,
    profile,
    stable_id,
    unix_iso,
)
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.items import PostItem

from selfaudit.values import is_email

__all__ = ["PLATFORM", "THREADS", "find_root", "parse_posts", "parse_reels", "parse_threads", "parse_profile",
           "parse_archive"]

PLATFORM = "instagram"
THREADS = "threads"
_ACTIVITY = r"(?:your_instagram_activity/)?"
_POSTS = re.compile(rf"^{_ACTIVITY}(?:content|media)/posts_\d+\.json$")
_REELS = re.compile(rf"^{_ACTIVITY}(?:content|media)/reels\.json$")
_THREADS = re.compile(rf"^{_ACTIVITY}threads/threads_and_replies\.json$")
_PROFILE = re.compile(r"^(?:account_information|personal_information(?:/personal_information)?)/"
                      r"personal_information\.json$")
_MARKER = re.compile(rf"(?:^|/)({_ACTIVITY}(?:content|media)/posts_\d+\.json|{_ACTIVITY}threads/"
                     r"threads_and_replies\.json|(?:account_information|personal_information(?:/personal_information)?)"
                     r"/personal_information\.json)$")
_LABELS = {"username": {"username", "nom d'utilisateur", "benutzername", "nombre de usuario", "nome utente",
                        "nome de usuário", "имя пользователя", "اسم المستخدم"},
           "name": {"name", "nom", "nombre", "nome", "имя", "الاسم"},
           "bio": {"bio", "biography", "biographie", "biografía", "biografia", "биография", "السيرة الذاتية"},
           "website": {"website", "site web", "sitio web", "webseite", "sito web", "веб-сайт", "الموقع الإلكتروني"}}


def find_root(names: list[str]) -> str | None:
    """The export's top folder, or None."""
    for name in names:
        if m := _MARKER.search(name):
            return name[: m.start(1)]
    return None


def _media(entry: dict[str, Any]) -> list[dict[str, Any]]:
    media = entry.get("media")
    if isinstance(media, dict):
        return [media]
    return [m for m in media or [] if isinstance(m, dict)]


def _post(entry: dict[str, Any], *, platform: str, account: str, kind: str = "original",
          extra: dict[str, Any] | None = None) -> PostItem | None:
    media = _media(entry)
    first = media[0] if media else {}
    text = entry.get("title") or first.get("title") or ""
    ts = entry.get("creation_timestamp") or first.get("creation_timestamp")
    files = [m.get("uri", "").rsplit("/", 1)[-1] for m in media if m.get("uri")]
    if not text and not files:
        return None
    extra = dict(extra or {})
    if files:
        extra["media"] = [m["uri"] for m in media if m.get("uri")]
    if geo := media_geo(media, platform=platform):
        extra["geo"] = geo
    if src := (first.get("cross_post_source") or {}).get("source_app"):
        extra["cross_post_source"] = src
    key = stable_id(text) if text else stable_id(*files)
    return post(platform=platform, account=account, native_id=f"{ts}-{key}", created_at=unix_iso(ts),
                kind=kind, text=text, extra=extra)


def parse_posts(items: Any, *, account: str) -> list[PostItem]:
    """A (repaired) ``posts_N.json``: an array of posts whose ``media`` is a list or one object."""
    out = []
    for entry in items if isinstance(items, list) else []:
        if isinstance(entry, dict) and (rec := _post(entry, platform=PLATFORM, account=account)):
            out.append(rec)
    return out


def parse_reels(data: Any, *, account: str) -> list[PostItem]:
    """``reels.json`` (``{"ig_reels_media": [...]}``)."""
    items = data.get("ig_reels_media", []) if isinstance(data, dict) else data
    out = []
    for entry in items if isinstance(items, list) else []:
        if isinstance(entry, dict) and (rec := _post(entry, platform=PLATFORM, account=account,
                                                     extra={"reel": True})):
            out.append(rec)
    return out


def parse_threads(data: Any, *, account: str) -> list[PostItem]:
    """``threads/threads_and_replies.json``: text posts, the text in ``media[0].title``."""
    items = data.get("text_post_app_text_posts", []) if isinstance(data, dict) else data
    out = []
    for entry in items if isinstance(items, list) else []:
        if not isinstance(entry, dict):
            continue
        first = next(iter(_media(entry)), {})
        is_reply = bool((first.get("text_app_post") or {}).get("is_reply"))
        if rec := _post(entry, platform=THREADS, account=account, kind="reply" if is_reply else "original"):
            out.append(rec)
    return out


def _string_map(data: Any) -> dict[str, str]:
    """All ``string_map_data`` label -> value pairs of a profile file, labels lower-cased."""
    out: dict[str, str] = {}
    users = data.get("profile_user", []) if isinstance(data, dict) else data
    for user in users if isinstance(users, list) else [users]:
        for label, cell in ((user or {}).get("string_map_data") or {}).items():
            if isinstance(cell, dict) and isinstance(cell.get("value"), str) and cell["value"]:
                out[label.strip().lower()] = cell["value"]
    return out


def parse_profile(data: Any) -> dict[str, Any]:
    """Username, name, bio, website and e-mail of ``personal_information.json``; phone and birthday dropped."""
    cells = _string_map(data)
    facts: dict[str, Any] = {k: next((v for lab, v in cells.items() if lab in labels), None)
                             for k, labels in _LABELS.items()}
    facts["email"] = next((v for lab, v in cells.items() if "mail" in lab and is_email(v)), None) or next(
        (v for v in cells.values() if is_email(v)), None)
    if not facts["website"]:
        facts["website"] = next((v for v in cells.values() if v.startswith(("http://", "https://"))), None)
    return facts


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None) -> list[Bundle]:
    """Instagram posts, reels and profile, plus Threads posts when present, under ``root``."""
    names = [n[len(root):] for n in source.names() if n.startswith(root)]
    arch = str(source.path)

    def read(rel: str) -> Any:
        return fix_mojibake(load_json(source.read(root + rel), archive=arch, name=root + rel))

    facts: dict[str, Any] = {}
    for rel in sorted((n for n in names if _PROFILE.match(n)), key=len, reverse=True)[:1]:
        facts = parse_profile(read(rel))
    account = facts.get("username") or "instagram-archive-owner"
    posts: list[PostItem] = []
    post_files = sorted(n for n in names if _POSTS.match(n) or _REELS.match(n))
    for i, rel in enumerate(post_files):
        data = read(rel)
        posts += parse_reels(data, account=account) if _REELS.match(rel) else parse_posts(data, account=account)
        if progress:
            progress("reading posts", i + 1, len(post_files))
    bundles: list[Bundle] = []
    if post_files or facts:
        bundle = Bundle(PLATFORM, account, posts=list({p.native_id: p for p in reversed(posts)}.values())[::-1])
        if facts:
            links = [facts["website"]] if facts.get("website") else []
            bundle.profiles.append(profile(platform=PLATFORM, account=account, display_name=facts.get("name"),
                                           bio=facts.get("bio") or "", links=links, email=facts.get("email")))
            bundle.links = [link(platform=PLATFORM, account=account, url=u, label="website") for u in links]
        bundles.append(bundle)
    threads = [n for n in names if _THREADS.match(n)]
    if threads:
        tposts = [p for rel in threads for p in parse_threads(read(rel), account=account)]
        bundles.append(Bundle(THREADS, account, posts=list({p.native_id: p for p in tposts}.values())))
    return bundles

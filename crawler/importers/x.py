"""X/Twitter archive (``twitter-YYYY-MM-DD-<hash>.zip``): ``data/*.js`` files to records.

Every data file is ``window.YTD.<name>.partN = [ ... ]``; the prefix is cut at
the first ``=`` (never evaluated). Tweets are keyed by ``id_str``. Retweets
are only recognisable by their text (:func:`manual_retweet`); quotes by a status URL in
``entities.urls``. Phone numbers and IP files are never read.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from selfaudit.crawler.importers.errors import CorruptArchiveError
from selfaudit.crawler.importers.records import Bundle, ShapeError, link, load_json, objects, post, profile, stable_id
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.items import PostItem

__all__ = ["PLATFORM", "find_root", "manual_retweet", "parse_js", "parse_tweets", "parse_account", "parse_profile",
           "parse_likes", "apply_note_tweets", "parse_archive", "x_time"]

PLATFORM = "x"
_MARKERS = ("data/tweets.js", "data/tweet.js", "data/manifest.js", "data/tweets-part1.js", "data/account.js")
_STATUS_URL = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]+)/status(?:es)?/(\d+)")
_USER = r"@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])"
_RT = re.compile(rf"^\s*(?:RT|MT|R/T)\s*:?\s*{_USER}\s*:?", re.IGNORECASE)
"""A manual retweet (or modified tweet) at the start: ``RT @u: …``, ``RT @u : …`` (French spacing), ``RT: @u``, ``MT @u:``."""
_INNER_RT = re.compile(rf"\S\s+(?:RT|MT)\s*:?\s*{_USER}\s*:?\s*\S", re.IGNORECASE)
"""Words of one's own, then a manual retweet: an old-style quote (``Agreed! RT @u: …``)."""
_VIA = re.compile(rf"\S.*[\s(]via\s+{_USER}[\s.!)]*(?:https?://\S+[\s.!)]*)*$", re.IGNORECASE | re.DOTALL)
"""Someone else's content credited at the end: ``Great read https://… via @u``."""
_TCO = re.compile(r"https://t\.co/[A-Za-z0-9]+")


def find_root(names: list[str]) -> str | None:
    """The folder holding ``data/`` (``""`` at the top), or None if this is not an X archive."""
    for name in names:
        for marker in _MARKERS:
            if name == marker or name.endswith("/" + marker):
                return name[: -len(marker)]
    return None


def parse_js(data: bytes, *, archive: str, name: str) -> Any:
    """The JSON value of a ``window.YTD.x.part0 = [...]`` (or ``window.__THAR_CONFIG = {...}``) file."""
    head = data[:300]
    eq = head.find(b"=")
    if eq < 0 or not head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"window."):
        raise CorruptArchiveError(f"{archive}: {name} does not start with 'window.YTD...=' as X archive files do")
    return load_json(data[eq + 1 :], archive=archive, name=name)


_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                        "Nov", "Dec"), start=1)}


def x_time(raw: str | None) -> str | None:
    """``Sat Aug 12 16:10:37 +0000 2023`` (or ISO 8601) to ``2023-08-12T16:10:37Z``.

    Split by hand: ``strptime`` is locale-dependent for ``%a %b`` and took a
    third of the import time of a large archive.
    """
    if not raw:
        return None
    parts = raw.split()
    if len(parts) == 6 and parts[0][:1].isalpha() and parts[1] in _MONTHS:
        if (parts[4] == "+0000" and len(parts[3]) == 8 and parts[3].replace(":", "").isdigit()
                and parts[2].isdigit() and parts[5].isdigit()):
            return f"{parts[5]}-{_MONTHS[parts[1]]:02d}-{int(parts[2]):02d}T{parts[3]}Z"  # the usual case
        try:
            hh, mm, ss = (int(x) for x in parts[3].split(":"))
            zone = parts[4]
            offset = (1 if zone[0] == "+" else -1) * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            dt = datetime(int(parts[5]), _MONTHS[parts[1]], int(parts[2]), hh, mm, ss, tzinfo=UTC) - offset
            return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, IndexError):
            return None
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unwrap(item: Any, key: str) -> dict[str, Any]:
    if isinstance(item, dict) and isinstance(item.get(key), dict):
        return item[key]
    return item if isinstance(item, dict) else {}


def _expand(text: str, entities: dict[str, Any]) -> tuple[str, list[str]]:
    """Replace t.co links by their expanded URLs; media t.co links are dropped from the text."""
    links: list[str] = []
    repl: dict[str, str] = {}
    for u in entities.get("urls") or []:
        if u.get("url"):
            repl[u["url"]] = u.get("expanded_url") or u["url"]
            links.append(repl[u["url"]])
    for m in entities.get("media") or []:
        if m.get("url"):
            repl[m["url"]] = ""
    if repl:
        text = _TCO.sub(lambda m: repl.get(m.group(0), m.group(0)), text)
    return text.strip(), links


def manual_retweet(text: str) -> tuple[str, str] | None:
    """``(kind, author)`` of a manual retweet, from the days before the retweet button, or None.

    ``RT``/``MT @user`` at the start (any spacing around the colon) or
    ``via @user`` at the end is a repost; words of one's own before
    ``RT @user: …`` make it a quote.
    """
    if m := _RT.match(text):
        return "repost", m.group(1)
    if m := _INNER_RT.search(text):
        return "quote", m.group(1)
    if m := _VIA.match(text):
        return "repost", m.group(1)
    return None


def parse_tweet(raw: dict[str, Any], *, account: str, account_id: str | None = None) -> PostItem | None:
    """One tweet object (bare or ``{"tweet": {...}}``) to a post record; None without an id."""
    tw = _unwrap(raw, "tweet")
    tid = str(tw.get("id_str") or tw.get("id") or "")
    if not tid:
        return None
    entities = tw.get("entities") or {}
    text, links = _expand(html.unescape(tw.get("full_text") or tw.get("text") or ""), entities)
    extra: dict[str, Any] = {}
    tags = [h.get("text") for h in entities.get("hashtags") or [] if h.get("text")]
    mentions = [m.get("screen_name") for m in entities.get("user_mentions") or [] if m.get("screen_name")]
    media = (tw.get("extended_entities") or {}).get("media") or entities.get("media") or []
    for key, val in (("tags", tags), ("mentions", mentions), ("links", links),
                     ("media", [m.get("media_url_https") or m.get("media_url") for m in media])):
        if val:
            extra[key] = val
    if tw.get("possibly_sensitive"):
        extra["sensitive"] = True
    edit = (tw.get("edit_info") or {}).get("edit") or {}
    if edit.get("initialTweetId"):
        extra["edit_of"] = str(edit["initialTweetId"])
    kind, original_author, original_url, reply_to = "original", None, None, None
    reply_id = tw.get("in_reply_to_status_id_str") or tw.get("in_reply_to_status_id")
    if manual := manual_retweet(text):
        kind, original_author = manual
    elif reply_id:
        own = account_id and str(tw.get("in_reply_to_user_id_str") or "") == account_id
        if own:  # a self-thread is judged like an original
            extra["in_reply_to"] = str(reply_id)
        else:
            kind, reply_to = "reply", str(reply_id)
    if kind == "original":
        for url in links:
            if m := _STATUS_URL.match(url):
                kind, original_author, original_url = "quote", m.group(1), url
                break
    return post(platform=PLATFORM, account=account, native_id=tid, url=f"https://x.com/{account}/status/{tid}",
                created_at=x_time(tw.get("created_at")), kind=kind, text=text, lang=tw.get("lang"),
                original_author=original_author, original_url=original_url, reply_to=reply_to,
                extra=extra)


def parse_tweets(items: Any, *, account: str, account_id: str | None = None) -> list[PostItem]:
    """The parsed array of a ``tweets.js`` / ``tweet.js`` / ``tweets-partN.js`` file."""
    out = []
    for i, item in enumerate(objects(items, what="tweets")):
        try:
            rec = parse_tweet(item, account=account, account_id=account_id)
        except (TypeError, AttributeError, KeyError, ValueError) as exc:
            raise ShapeError(f"tweet {i}: a field has the wrong type ({exc})") from exc
        if rec is not None:
            out.append(rec)
    return out


def apply_note_tweets(posts: list[PostItem], notes: Any, *, account: str) -> list[PostItem]:
    """Put the full text of long posts (``note-tweet.js``) into the matching tweets.

    The archive has no tweet-id link, so a note matches a tweet created in the
    same second whose text starts like the note. Unmatched notes become posts
    of their own (keyed ``note-<noteTweetId>``) so no text is lost.
    """
    by_second: dict[str, list[PostItem]] = defaultdict(list)
    for rec in posts:
        if rec.created_at:
            by_second[rec.created_at].append(rec)
    extra_posts = []
    for item in notes if isinstance(notes, list) else []:
        note = _unwrap(item, "noteTweet")
        core = note.get("core") or {}
        full = html.unescape(core.get("text") or "")
        when = x_time(note.get("createdAt"))
        if not full:
            continue
        prefix = re.sub(r"\s+", " ", full)[:40].rstrip("…").strip()
        match = None
        for rec in by_second.get(when or "", []):
            if re.sub(r"\s+", " ", rec.text).startswith(prefix[: max(len(prefix) - 1, 1)]):
                match = rec
                break
        links = [u.get("expandedUrl") or u.get("expanded_url") for u in core.get("urls") or []]
        if match is not None:
            match.text = full
            match.extra["note_tweet_id"] = str(note.get("noteTweetId") or "")
            if links:
                match.extra["links"] = [u for u in links if u]
            continue
        nid = str(note.get("noteTweetId") or stable_id(when, full))
        extra_posts.append(post(platform=PLATFORM, account=account, native_id=f"note-{nid}", created_at=when,
                                kind="original", text=full, extra={"note_tweet_id": nid, "unmatched_note": True,
                                                                   "links": [u for u in links if u]}))
    return posts + extra_posts


def parse_likes(items: Any, *, account: str) -> list[PostItem]:
    """``like.js``: liked tweets (no date in the archive), keyed ``like:<tweetId>``."""
    out = []
    for item in items if isinstance(items, list) else []:
        like = _unwrap(item, "like")
        tid = str(like.get("tweetId") or "")
        if not tid:
            continue
        url = like.get("expandedUrl") or f"https://x.com/i/web/status/{tid}"
        m = _STATUS_URL.match(url)
        out.append(post(platform=PLATFORM, account=account, native_id=f"like:{tid}", url=url, created_at=None,
                        kind="like", text=html.unescape(like.get("fullText") or ""), original_url=url,
                        original_author=m.group(1) if m else None, extra={"liked_id": tid}))
    return out


def parse_account(items: Any) -> dict[str, Any]:
    """``account.js`` facts; the phone number is dropped."""
    acc = _unwrap(items[0] if isinstance(items, list) and items else {}, "account")
    return {k: acc.get(k) for k in ("email", "username", "accountId", "createdAt", "accountDisplayName")}


def parse_profile(items: Any) -> dict[str, Any]:
    """``profile.js``: bio, website (a t.co link) and location."""
    prof = _unwrap(items[0] if isinstance(items, list) and items else {}, "profile")
    desc = prof.get("description") or {}
    return {"bio": desc.get("bio") or "", "website": desc.get("website") or None, "location": desc.get("location")}


def _manifest_files(manifest: Any, key: str) -> list[str]:
    types = (manifest or {}).get("dataTypes") or {}
    return [f["fileName"] for f in (types.get(key) or {}).get("files") or [] if f.get("fileName")]


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None) -> list[Bundle]:
    """All records of an X archive found under ``root`` (one account)."""
    names = set(source.names())
    arch = str(source.path)

    def read(name: str) -> Any | None:
        full = root + name
        return parse_js(source.read(full), archive=arch, name=full) if full in names else None

    manifest = read("data/manifest.js") or {}
    user = manifest.get("userInfo") or {}
    acc = parse_account(read("data/account.js") or [])
    username = acc.get("username") or user.get("userName")
    account_id = str(acc.get("accountId") or user.get("accountId") or "") or None
    if not username:
        raise CorruptArchiveError(f"{arch}: X archive without data/account.js or data/manifest.js; "
                                  "cannot tell whose archive it is")
    tweet_files = _manifest_files(manifest, "tweets") or _manifest_files(manifest, "tweet")
    if not tweet_files:
        tweet_files = sorted(n[len(root):] for n in names if re.fullmatch(
            r"data/tweets?(-part\d+)?\.js", n[len(root):]))
    posts: list[PostItem] = []
    for i, fname in enumerate(tweet_files):
        posts += parse_tweets(read(fname) or [], account=username, account_id=account_id)
        if progress:
            progress("reading tweets", i + 1, len(tweet_files))
    notes_files = _manifest_files(manifest, "noteTweet") or ["data/note-tweet.js"]
    for fname in notes_files:
        if (notes := read(fname)) is not None:
            posts = apply_note_tweets(posts, notes, account=username)
    like_files = _manifest_files(manifest, "like") or ["data/like.js"]
    for fname in like_files:
        posts += parse_likes(read(fname) or [], account=username)
    deleted = 0
    for fname in _manifest_files(manifest, "deletedTweets") or ["data/deleted-tweets.js"]:
        deleted += len(read(fname) or [])
    prof = parse_profile(read("data/profile.js") or [])
    links = [prof["website"]] if prof["website"] else []
    extra = {"account_id": account_id, "location": prof["location"]}
    if manifest.get("archiveInfo"):
        extra["archive_generated"] = manifest["archiveInfo"].get("generationDate")
    prof_rec = profile(platform=PLATFORM, account=username,
                       display_name=acc.get("accountDisplayName") or user.get("displayName"),
                       bio=prof["bio"], links=links, email=acc.get("email"),
                       created_at=x_time(acc.get("createdAt")), extra=extra)
    notes = [f"{deleted} deleted tweets listed in the archive were not imported (already deleted)"] if deleted else []
    return [Bundle(PLATFORM, username, posts=posts, profiles=[prof_rec], notes=notes,
                   links=[link(platform=PLATFORM, account=username, url=u, label="website") for u in links])]

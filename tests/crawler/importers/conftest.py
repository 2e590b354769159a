"""Archive builders: exports generated in each platform's documented shape (formats/README.md §3-9)."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from selfaudit.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "archives"

Files = dict[str, bytes | str]


def meta_json(value: Any) -> str:
    """JSON as Meta writes it: UTF-8 bytes escaped one by one as \\u00XX (the mojibake fault)."""

    def garble(v: Any) -> Any:
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [garble(x) for x in v]
        if isinstance(v, dict):
            return {garble(k): garble(x) for k, x in v.items()}
        return v

    return json.dumps(garble(value), ensure_ascii=True)


def ytd(name: str, items: Any) -> str:
    """An X archive data file: ``window.YTD.<name>.part0 = [...]``."""
    return f"window.YTD.{name}.part0 = " + json.dumps(items, indent=2)


def write_zip(files: Files, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def write_tgz(files: Files, dest: Path) -> Path:
    with tarfile.open(dest, "w:gz") as tar:
        for name, data in files.items():
            raw = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return dest


def write_dir(files: Files, dest: Path) -> Path:
    for name, data in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return dest


def tweet(tid: str, text: str, *, when: str = "Sat Aug 12 16:10:37 +0000 2023", wrap: bool = True,
          **fields: Any) -> dict[str, Any]:
    body = {"id_str": tid, "id": tid, "created_at": when, "full_text": text, "lang": "en",
            "favorite_count": "0", "retweet_count": "0", "retweeted": False,
            "entities": {"hashtags": [], "user_mentions": [], "urls": [], "symbols": []}, **fields}
    return {"tweet": body} if wrap else body


def x_files(*, old: bool = False, tweets: list[dict[str, Any]] | None = None) -> Files:
    """A small X archive; ``old`` uses the ≤2022 ``data/tweet.js`` with bare items and no manifest."""
    wrap = not old
    items = tweets if tweets is not None else [
        tweet("100", "Vote for &amp; support Party X https://t.co/abc", wrap=wrap,
              entities={"hashtags": [], "user_mentions": [], "symbols": [], "urls": [
                  {"url": "https://t.co/abc", "expanded_url": "https://party.example/join",
                   "display_url": "party.example/join", "indices": ["35", "58"]}]}),
        tweet("101", "RT @bob: the original text", wrap=wrap),
        tweet("102", "@carol I agree", wrap=wrap, in_reply_to_status_id_str="90",
              in_reply_to_user_id_str="55", in_reply_to_screen_name="carol"),
        tweet("103", "Look https://t.co/q", wrap=wrap, entities={"hashtags": [], "user_mentions": [], "symbols": [],
              "urls": [{"url": "https://t.co/q", "expanded_url": "https://twitter.com/dave/status/77"}]}),
        tweet("104", "A long post that was cut short by the archive because it is longer th…",
              when="Sun Aug 13 10:00:00 +0000 2023", wrap=wrap),
    ]
    stem = "tweet" if old else "tweets"
    files: Files = {
        f"data/{stem}.js": ytd(stem, items),
        "data/account.js": ytd("account", [{"account": {
            "email": "ana.lopez@un.org", "phoneNumber": "+15555555555", "username": "ana_l",
            "accountId": "42", "createdAt": "2010-01-02T03:04:05.000Z", "accountDisplayName": "Ana López"}}]),
        "data/profile.js": ytd("profile", [{"profile": {"description": {
            "bio": "Views my own", "website": "https://t.co/site", "location": "Geneva"}}}]),
        "data/like.js": ytd("like", [{"like": {"tweetId": "555", "fullText": "Liked &lt;this&gt;",
                                               "expandedUrl": "https://twitter.com/i/web/status/555"}}]),
        "data/ip-audit.js": ytd("ip_audit", [{"ipAudit": {"loginIp": "203.0.113.9"}}]),
    }
    if not old:
        files["data/note-tweet.js"] = ytd("note_tweet", [{"noteTweet": {
            "noteTweetId": "9001", "createdAt": "2023-08-13T10:00:00.000Z",
            "core": {"text": "A long post that was cut short by the archive because it is longer than 280 "
                             "characters, and here is the full ending.", "urls": []}}}])
        files["data/deleted-tweets.js"] = ytd("deleted_tweets", [tweet("99", "gone")])
    return files


def mastodon_files() -> Files:
    actor_id = "https://social.example/users/ana"
    public = ["https://www.w3.org/ns/activitystreams#Public"]

    def create(n: int, content: str, *, to: list[str], cc: list[str] | None = None, **note: Any) -> dict[str, Any]:
        nid = f"{actor_id}/statuses/{n}"
        return {"id": f"{nid}/activity", "type": "Create", "actor": actor_id, "published": "2024-05-01T12:00:00Z",
                "to": to, "cc": [f"{actor_id}/followers"] if cc is None else cc,
                "object": {"id": nid, "type": "Note", "url": f"https://social.example/@ana/{n}",
                           "published": "2024-05-01T12:00:00Z", "content": content, "contentMap": {"en": content},
                           "to": to, "attachment": [], "tag": [], **note}}

    outbox = {"@context": ["https://www.w3.org/ns/activitystreams"], "id": "outbox.json",
              "type": "OrderedCollection", "totalItems": 5, "orderedItems": [
                  create(1, "<p>Support <a href=\"https://party.example\">Party X</a>!</p>", to=public,
                         tag=[{"type": "Hashtag", "name": "#vote"}],
                         attachment=[{"type": "Document", "mediaType": "image/png",
                                      "url": "media_attachments/files/1/original/a.png", "name": "a rally"}]),
                  create(2, "<p>@bob yes</p>", to=public, inReplyTo="https://other.example/users/bob/statuses/9"),
                  create(3, "<p>followers only</p>", to=[f"{actor_id}/followers"]),
                  create(4, "<p>secret DM</p>", to=["https://other.example/users/bob"], cc=[]),
                  {"id": f"{actor_id}/statuses/5/activity", "type": "Announce", "actor": actor_id,
                   "published": "2024-05-02T08:00:00Z", "to": public,
                   "object": "https://other.example/users/bob/statuses/77"},
              ]}
    actor = {"id": actor_id, "type": "Person", "preferredUsername": "ana", "name": "Ana",
             "summary": "<p>UN staff. <a href=\"https://ana.example\">site</a></p>", "url": "https://social.example/@ana",
             "published": "2020-01-01T00:00:00Z", "outbox": "outbox.json", "icon": {"url": "avatar.png"},
             "attachment": [{"type": "PropertyValue", "name": "Blog",
                             "value": "<a href=\"https://blog.example\">blog</a>"}]}
    likes = {"type": "OrderedCollection", "orderedItems": ["https://other.example/users/bob/statuses/88"]}
    return {"outbox.json": json.dumps(outbox), "actor.json": json.dumps(actor), "likes.json": json.dumps(likes),
            "avatar.png": b"\x89PNG fake", "media_attachments/files/1/original/a.png": b"\x89PNG fake"}


FB_POSTS = [
    {"timestamp": 1354805114, "title": "Ana López updated her status.",
     "data": [{"post": "Café with colleagues — وقت القهوة 🙂"}, {"update_timestamp": 1354805200}],
     "attachments": [{"data": [{"external_context": {"url": "https://news.example/a"}},
                               {"place": {"name": "Palais des Nations",
                                          "coordinate": {"latitude": 46.22, "longitude": 6.14}}},
                               {"media": {"uri": "posts/media/x/1_n.jpg", "description": "our team",
                                          "media_metadata": {"photo_metadata": {"exif_data": [
                                              {"upload_ip": "198.51.100.7"}]}}}}]}],
     "tags": ["Bob"]},
    {"timestamp": 1400000000, "title": "Ana López shared a link.", "data": []},
]


def facebook_files(*, layout: str = "new") -> Files:
    """Old (≤2023) or new (2024+) Download-Your-Information layout, with Meta's mojibake."""
    posts = FB_POSTS + [FB_POSTS[0]]  # the same post twice, as real exports do
    comments = {"comments_v2": [{"timestamp": 1500000000, "title": "Ana López commented on Bob's post.",
                                 "data": [{"comment": {"timestamp": 1500000000, "comment": "Très bien!",
                                                       "author": "Ana López"}}]}]}
    prof = {"profile_v2": {"name": {"full_name": "Ana López"}, "username": "ana.lopez",
                           "emails": {"emails": ["ana.lopez@un.org"], "previous_emails": ["ana@old.example"]},
                           "phone_numbers": [{"phone_number": "+41 22 000 00 00"}],
                           "profile_uri": "https://www.facebook.com/ana.lopez",
                           "work_experiences": [{"employer": "United Nations", "title": "Officer"}],
                           "registration_timestamp": 1200000000}}
    if layout == "old":
        return {"posts/your_posts_1.json": meta_json(posts),
                "comments/comments.json": meta_json(comments),
                "profile_information/profile_information.json": meta_json(prof),
                "posts/media/x/1_n.jpg": b"jpg"}
    return {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": meta_json(posts),
            "your_facebook_activity/comments_and_reactions/comments.json": meta_json(comments),
            "personal_information/profile_information/profile_information.json": meta_json(prof)}


def instagram_files(*, layout: str = "2025") -> Files:
    posts = [
        {"title": "Rally for Party X — ¡vamos! 🎉", "creation_timestamp": 1710165470,
         "media": [{"uri": "media/posts/202403/1_n.jpg", "creation_timestamp": 1710165470, "title": "",
                    "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 46.2, "longitude": 6.1}]}}}]},
        {"media": {"uri": "media/posts/202404/2_n.jpg", "creation_timestamp": 1712000000, "title": "Single café"}},
    ]
    reels = {"ig_reels_media": [{"media": [{"uri": "media/reels/3.mp4", "creation_timestamp": 1713000000,
                                            "title": "Reel caption"}]}]}
    threads = {"text_post_app_text_posts": [
        {"media": [{"uri": "", "creation_timestamp": 1714000000, "title": "Threads post ✓",
                    "text_app_post": {"is_reply": False}}]},
        {"media": [{"uri": "", "creation_timestamp": 1714000100, "title": "a reply",
                    "text_app_post": {"is_reply": True}}]}]}
    prof = {"profile_user": [{"string_map_data": {
        "Username": {"value": "ana_lopez"}, "Name": {"value": "Ana López"}, "Bio": {"value": "Café lover"},
        "Adresse e-mail": {"value": "ana.lopez@un.org"}, "Phone Number": {"value": "+41220000000"},
        "Website": {"value": "https://ana.example"}}}]}
    if layout == "2021":
        return {"content/posts_1.json": meta_json(posts), "content/reels.json": meta_json(reels),
                "account_information/personal_information.json": meta_json(prof)}
    media = "content" if layout == "2024" else "media"
    pinfo = ("personal_information/personal_information.json" if layout == "2024"
             else "personal_information/personal_information/personal_information.json")
    return {f"your_instagram_activity/{media}/posts_1.json": meta_json(posts),
            f"your_instagram_activity/{media}/reels.json": meta_json(reels),
            "your_instagram_activity/threads/threads_and_replies.json": meta_json(threads),
            pinfo: meta_json(prof)}


def linkedin_files(*, nested: bool = True, suffix: str = "_17529409") -> Files:
    bom = "\ufeff"
    shares = (bom + "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
              '2025-11-19 09:59:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7100,'
              '"Proud of our ""team""\nsecond line",,,PUBLIC\n'
              "2025-11-20 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7200,,"
              "https://news.example/story,,MEMBER_NETWORK\n")
    comments = (bom + "Date,Link,Message\n"
                '2025-01-02 03:04:05,https://www.linkedin.com/feed/update/urn:li:activity:7300,'
                '"He said \\"vote\\" and\nleft"\n'
                ',https://www.linkedin.com/feed/update/urn:li:activity:7301,no date here\n')
    prof = (bom + "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
            "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
            'Ana,López,,1 Secret Road,1990-01-01,Officer at United Nations,Views are my own,'
            'International Affairs,1211,Geneva,,"[PERSONAL:https://ana.example]",\n')
    emails = (bom + "Email Address,Confirmed,Primary,Updated On\n"
              "ana@home.example,Yes,No,2020-01-01\nana.lopez@un.org,Yes,Yes,2021-01-01\n")
    top = "Basic_LinkedInDataExport/" if nested else ""
    return {f"{top}Shares{suffix}.csv": shares, f"{top}Comments{suffix}.csv": comments,
            f"{top}Profile{suffix}.csv": prof, f"{top}Email Addresses{suffix}.csv": emails}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data" / "selfaudit.db") as s:
        yield s


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Files, name: str = "export.zip") -> Path:
        return write_zip(files, tmp_path / name)

    return make


@pytest.fixture
def gen() -> Any:
    """The builders above (conftest modules cannot be imported by tests directly)."""
    import sys

    return sys.modules[__name__]

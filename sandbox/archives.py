"""The demo persona's closed-platform accounts: one whose archive the demo imports, one still missing.

X and Instagram cannot be crawled, so the persona names them as a real user
would (``x:@talia_mh``, ``instagram:@talia.moreno``). The demo writes the X
archive (in X's documented shape, docs: formats/README.md section 5) and
imports it; the Instagram archive is "not downloaded yet", so the report shows
that account as NOT covered, with the next step.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["CLOSED_SPECS", "X_USER", "write_x_archive"]

X_USER = "talia_mh"
CLOSED_SPECS = (f"x:@{X_USER}", "instagram:@talia.moreno")
"""The persona's closed accounts: the X one is imported by the demo, the Instagram one is missing."""

_GENERATED = "2026-06-30T08:00:00.000Z"
_TWEETS = (
    ("1400000000000000001", "Tue Mar 02 09:15:00 +0000 2021",
     "Spring is here in Marenzi: the almond trees along the river are in full bloom."),
    ("1400000000000000002", "Sat Jun 12 17:40:00 +0000 2021",
     "Finished my first half marathon! Slow, but I ran the whole way. Thank you to everyone who cheered."),
    ("1400000000000000003", "Sun Aug 22 11:05:00 +0000 2021",
     "Packing boxes for a new job and a new city. Any tips for the best bakery near the old port?"),
    ("1500000000000000004", "Fri Jan 14 19:30:00 +0000 2022",
     "Reading group this month: a novel about three generations of fishermen. Highly recommended."),
    ("1600000000000000005", "Wed Nov 09 07:50:00 +0000 2022",
     "Morning walk before work, fog over the hills and the first coffee of the day."),
)


def _ytd(name: str, items: Any) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(items, indent=1, ensure_ascii=False)


def _tweet(tid: str, when: str, text: str) -> dict[str, Any]:
    return {"tweet": {"id_str": tid, "id": tid, "created_at": when, "full_text": text, "lang": "en",
                      "favorite_count": "0", "retweet_count": "0", "retweeted": False,
                      "display_text_range": ["0", str(len(text))],
                      "entities": {"hashtags": [], "user_mentions": [], "urls": [], "symbols": []}}}


def _photo_tweet(post: dict[str, Any]) -> dict[str, Any]:
    """A tweet with one photo (``extended_entities.media``); its file is ``data/tweets_media/<id>-<name>`` (#13)."""
    tweet = _tweet(post["id"], post["created_at"], post["text"])
    media = [{"type": "photo", "id_str": post["id"], "media_url_https": f"https://pbs.twimg.com/media/{post['file']}"}]
    tweet["tweet"]["entities"]["media"] = media
    tweet["tweet"]["extended_entities"] = {"media": media}
    return tweet


def write_x_archive(folder: Path) -> Path:
    """Write the persona's X archive (``twitter-2026-06-30-demo.zip``) into ``folder``; return its path."""
    from selfaudit.sandbox.pictures import demo_photo_posts

    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / "twitter-2026-06-30-demo.zip"
    photos = demo_photo_posts()
    manifest = {"userInfo": {"accountId": "90210", "userName": X_USER, "displayName": "Talia M-H"},
                "archiveInfo": {"generationDate": _GENERATED, "isPartialArchive": False},
                "dataTypes": {"tweets": {"files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0",
                                                    "count": str(len(_TWEETS) + len(photos))}]}}}
    files: dict[str, str | bytes] = {
        "data/manifest.js": "window.__THAR_CONFIG = " + json.dumps(manifest, indent=1),
        "data/account.js": _ytd("account", [{"account": {"username": X_USER, "accountId": "90210",
                                                         "createdAt": "2014-05-04T10:00:00.000Z",
                                                         "accountDisplayName": "Talia M-H"}}]),
        "data/profile.js": _ytd("profile", [{"profile": {"description": {"bio": "Runner, reader, Marenzi.",
                                                                         "website": "", "location": "Marenzi"}}}]),
        "data/tweets.js": _ytd("tweets", [_tweet(*t) for t in _TWEETS] + [_photo_tweet(p) for p in photos]),
    }
    files.update({f"data/tweets_media/{p['id']}-{p['file']}": p["data"] for p in photos})
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return dest

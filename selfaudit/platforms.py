"""Closed platforms: the accounts that cannot be read publicly, only from their owner's data export.

X, Instagram, Facebook, LinkedIn, TikTok, Threads and YouTube show a login wall
or a JavaScript shell to a crawler, so reading their profile pages as websites
would audit the wall, not the person. This module is the one place that knows
their names, their profile URL forms and how to get each one's archive;
``selfaudit.handles`` asks it, and ``init``, ``crawl``, ``status`` and the
report quote its guidance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, unquote

__all__ = ["CLOSED", "ALIASES", "Platform", "is_closed", "closed_from_spec", "closed_from_url", "no_platform_message",
           "display", "profile_url", "guidance", "next_step", "split_closed", "same_account",
           "imported_accounts", "waiting_for_archive"]


class _Named(Protocol):
    """What this module reads of a ``selfaudit.handles.HandleSpec`` (handles imports this module, not back)."""

    @property
    def platform(self) -> str: ...

    @property
    def handle(self) -> str: ...


Spec = TypeVar("Spec", bound=_Named)


@dataclass(frozen=True, slots=True)
class Platform:
    """One closed platform and how its owner gets their archive.

    Attributes:
        id: the platform id used in the store (``x``, ``instagram``...).
        label: its name for people.
        user: a regex a user name must match.
        profile: the profile URL for a user name (``{name}``).
        where: where the export is requested.
        wait: roughly how long the export takes.
        choose: what to choose when asked (the format).
        file: the file name to expect.
        importer: the ``selfaudit import --platform`` value, or "" when selfaudit cannot read it yet.
    """

    id: str
    label: str
    user: str
    profile: str
    where: str
    wait: str
    choose: str
    file: str
    importer: str


CLOSED: dict[str, Platform] = {p.id: p for p in (
    Platform("x", "X (Twitter)", r"[A-Za-z0-9_]{1,15}", "https://x.com/{name}",
             "Settings and privacy > Your account > Download an archive of your data",
             "usually a day, sometimes a few days; X e-mails you a download link",
             "there is no format choice: the archive holds the data/*.js files selfaudit reads",
             "twitter-YYYY-MM-DD-<code>.zip", "x"),
    Platform("instagram", "Instagram", r"[A-Za-z0-9._]{1,30}", "https://www.instagram.com/{name}/",
             "Accounts Centre > Your information and permissions > Download your information",
             "from a few hours up to 14 days; Meta e-mails you",
             "Format: JSON (not HTML), Date range: All time",
             "instagram-<username>-YYYY-MM-DD-<code>.zip", "instagram"),
    Platform("facebook", "Facebook", r"[A-Za-z0-9.]{1,50}", "https://www.facebook.com/{name}",
             "Settings & privacy > Accounts Centre > Your information and permissions > Download your information",
             "from a few hours up to 14 days; Meta e-mails you",
             "Format: JSON (not HTML), Date range: All time",
             "facebook-<name>-YYYY-MM-DD-<code>.zip (large exports come in several parts)", "facebook"),
    Platform("linkedin", "LinkedIn", r"[\w%-]{3,100}", "https://www.linkedin.com/in/{name}/",
             "Me > Settings & Privacy > Data privacy > Get a copy of your data",
             "about 10 minutes for the first file, up to a day for the full archive; LinkedIn e-mails you",
             "the full archive (or at least Posts and Comments); it is CSV, there is no HTML option",
             "Basic_LinkedInDataExport_MM-DD-YYYY.zip (or Complete_LinkedInDataExport_...)", "linkedin"),
    Platform("tiktok", "TikTok", r"[A-Za-z0-9._]{2,24}", "https://www.tiktok.com/@{name}",
             "Profile > Menu > Settings and privacy > Account > Download your data",
             "a few days; the file stays available for 4 days",
             "File format: JSON (not TXT)",
             "a zip holding user_data_tiktok.json", ""),
    Platform("threads", "Threads", r"[A-Za-z0-9._]{1,30}", "https://www.threads.net/@{name}",
             "Instagram's Accounts Centre > Your information and permissions > Download your information "
             "(include Threads)",
             "from a few hours up to 14 days; Meta e-mails you",
             "Format: JSON (not HTML), Date range: All time",
             "instagram-<username>-YYYY-MM-DD-<code>.zip holding your_instagram_activity/threads/", "threads"),
    Platform("youtube", "YouTube", r"[A-Za-z0-9._-]{1,100}", "https://www.youtube.com/@{name}",
             "Google Takeout (takeout.google.com) > YouTube and YouTube Music",
             "from hours to a few days; Google e-mails you",
             "JSON for history, and include your channel's videos and comments",
             "takeout-YYYYMMDDTHHMMSSZ-001.zip", ""),
)}

ALIASES = {"x": "x", "twitter": "x", "instagram": "instagram", "ig": "instagram", "facebook": "facebook",
           "fb": "facebook", "linkedin": "linkedin", "tiktok": "tiktok", "threads": "threads", "youtube": "youtube",
           "yt": "youtube"}
"""Spec prefixes (``x:@name``) and the platform each one names."""

_HOSTS = {
    "x": {"x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"},
    "instagram": {"instagram.com", "www.instagram.com", "m.instagram.com"},
    "facebook": {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "mbasic.facebook.com",
                 "fb.com", "www.fb.com"},
    "tiktok": {"tiktok.com", "www.tiktok.com", "m.tiktok.com"},
    "threads": {"threads.net", "www.threads.net", "threads.com", "www.threads.com"},
    "youtube": {"youtube.com", "www.youtube.com", "m.youtube.com"},
}
# paths on these hosts that are pages of the site, not someone's profile
_RESERVED = {
    "x": {"home", "i", "search", "explore", "settings", "intent", "share", "hashtag", "messages", "notifications",
          "login", "signup", "tos", "privacy"},
    "instagram": {"p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv", "about", "developer"},
    "facebook": {"groups", "events", "watch", "share", "sharer", "marketplace", "pages", "login", "help", "photo",
                 "story.php", "permalink.php", "photo.php", "sharer.php", "gaming", "hashtag"},
}
_URL_FORMS = {
    "x": "https://x.com/name", "instagram": "https://www.instagram.com/name/",
    "facebook": "https://www.facebook.com/name or https://www.facebook.com/profile.php?id=100012345678",
    "linkedin": "https://www.linkedin.com/in/name/", "tiktok": "https://www.tiktok.com/@name",
    "threads": "https://www.threads.net/@name",
    "youtube": "https://www.youtube.com/@name, /c/name, /channel/UC... or /user/name",
}
_CHANNEL = re.compile(r"^UC[A-Za-z0-9_-]{22}$")


def is_closed(platform: str) -> bool:
    """Whether accounts of ``platform`` can only be audited from an archive."""
    return platform in CLOSED


def _closed_host(host: str) -> str | None:
    host = host.lower().split(":", 1)[0]
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    return next((pid for pid, hosts in _HOSTS.items() if host in hosts), None)


def _name(pid: str, name: str) -> str:
    """The canonical user name, or ValueError saying what a right one looks like."""
    if pid == "youtube" and _CHANNEL.match(name):
        return "channel/" + name  # channel ids are case-sensitive
    plat = CLOSED[pid]
    if not re.fullmatch(plat.user, name):
        raise ValueError(f"{name!r} is not a valid {plat.label} user name")
    if pid == "facebook" and name.isdigit():
        return "id/" + name
    return name.lower()


def closed_from_spec(scheme: str, body: str) -> tuple[str, str] | None:
    """``(platform, name)`` for ``x:@name`` style specs, None when ``scheme`` is no closed platform.

    Raises:
        ValueError: the prefix is a closed platform but the name is not valid there.
    """
    pid = ALIASES.get(scheme.lower())
    if pid is None:
        return None
    name = body.removeprefix("@")
    if not name:
        raise ValueError(f"{CLOSED[pid].label} needs a user name, like {scheme}:@name")
    if pid == "facebook" and name.startswith("id="):
        name = name[3:]
    return pid, _name(pid, name)


def closed_from_url(url: str, *, host: str) -> tuple[str, str] | None:
    """``(platform, name)`` for a closed platform's profile URL, None for other hosts.

    Raises:
        ValueError: the host is a closed platform but the URL is not a profile there.
    """
    pid = _closed_host(host)
    if pid is None:
        return None
    rest = re.sub(r"^[A-Za-z]+://[^/?#]*", "", url)
    path, _, query = rest.split("#", 1)[0].partition("?")
    parts = [unquote(p) for p in path.split("/") if p]
    name: str | None = None
    if pid == "facebook" and parts[:1] in (["profile.php"], ["people"]):
        ids = parse_qs(query).get("id") or ([parts[2]] if len(parts) >= 3 and parts[2].isdigit() else [])
        name = ids[0] if ids and ids[0].isdigit() else None
    elif pid == "linkedin":
        name = parts[1] if len(parts) == 2 and parts[0] == "in" else None
    elif pid in ("tiktok", "threads"):
        name = parts[0][1:] if len(parts) == 1 and parts[0].startswith("@") else None
    elif pid == "youtube":
        if len(parts) == 1 and parts[0].startswith("@"):
            name = parts[0][1:]
        elif len(parts) == 2 and parts[0] == "channel" and _CHANNEL.match(parts[1]):
            return pid, "channel/" + parts[1]
        elif len(parts) == 2 and parts[0] in ("c", "user"):
            return pid, f"{parts[0]}/{_name(pid, parts[1])}"
    elif len(parts) == 1 and parts[0].lower() not in _RESERVED.get(pid, set()):
        name = parts[0].removeprefix("@") if pid == "x" else parts[0]
    if not name:
        raise ValueError(f"{url!r} is not a profile URL of {CLOSED[pid].label} (one looks like {_URL_FORMS[pid]})")
    return pid, _name(pid, name)


def no_platform_message(name: str) -> str:
    """What to say about ``@name`` with no server: it could be on any platform."""
    bare = name.removeprefix("@")
    return (f"@{bare} does not say which platform it is on; write it as @{bare}@mastodon.social (Mastodon, with "
            f"your server), @{bare}.bsky.social (Bluesky), x:@{bare}, instagram:@{bare}, facebook:{bare}, "
            f"linkedin:{bare}, tiktok:@{bare}, threads:@{bare} or youtube:@{bare}, or paste your profile's URL")


def profile_url(platform: str, handle: str) -> str:
    """The public profile URL of a closed account (shown, never fetched)."""
    if handle.startswith("id/"):
        return f"https://www.facebook.com/profile.php?id={handle[3:]}"
    if platform == "youtube" and "/" in handle:
        return f"https://www.youtube.com/{handle}"
    return CLOSED[platform].profile.format(name=handle)


def display(platform: str, handle: str) -> str:
    """``@name`` for a closed account; ``id/1000...``, ``c/name`` or ``channel/UC...`` as they are."""
    return handle if "/" in handle else "@" + handle


def guidance(platform: str, handle: str) -> list[str]:
    """The lines that tell the owner of a closed account how to get its archive.

    Args:
        platform: a closed platform id.
        handle: the account's canonical name.

    Returns:
        A headline and the steps: where, how long, what to choose, what file, what then.
    """
    plat = CLOSED[platform]
    head = f"{plat.label} {display(platform, handle)} cannot be read publicly; selfaudit needs its data-export archive."
    lines = [head, f"  where: {plat.where}", f"  how long: {plat.wait}", f"  choose: {plat.choose}",
             f"  expect: {plat.file}"]
    if plat.importer:
        lines.append(f"  then: selfaudit import PATH --platform {plat.importer} "
                     "(or add the file's path under archives in selfaudit.toml)")
    else:
        lines.append(f"  then: selfaudit cannot read {plat.label} exports yet; review this account by hand")
    return lines


def next_step(platform: str) -> str:
    """One sentence: how to get this closed platform's account covered."""
    plat = CLOSED[platform]
    if not plat.importer:
        return (f"selfaudit cannot read {plat.label} exports yet: review this account by hand "
                f"(its export: {plat.where}).")
    return (f"Request your archive ({plat.where}; {plat.choose}), then run "
            f"`selfaudit import {plat.file.split(' ')[0]} --platform {plat.importer}`.")


def split_closed(specs: Iterable[Spec]) -> tuple[list[Spec], list[Spec]]:
    """``(crawlable, closed)``: the closed accounts are never crawled."""
    crawlable, closed = [], []
    for spec in specs:
        (closed if is_closed(spec.platform) else crawlable).append(spec)
    return crawlable, closed


def same_account(a: str, b: str) -> bool:
    """Whether two closed-platform names are one account (they are case-insensitive)."""
    return a.removeprefix("@").lower() == b.removeprefix("@").lower()


def imported_accounts(store: Any) -> set[tuple[str, str]]:
    """``(platform, lower-case handle)`` of every account an archive import has recorded."""
    return {(str(a["platform"]), str(a["handle"]).lower()) for run in store.runs(kind="import")
            for a in run.get("accounts", [])}


def waiting_for_archive(specs: Iterable[Spec], imported: set[tuple[str, str]]) -> list[Spec]:
    """The named closed accounts no archive has covered yet (``imported`` from :func:`imported_accounts`)."""
    return [s for s in specs if is_closed(s.platform) and (s.platform, s.handle.lower()) not in imported]

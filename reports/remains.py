"""What ``verify`` found about a post, for the report: is it still online, and which copies remain.

Pure functions of the plain rows ``Store.verify_state()`` returns. Each copy comes
with what to do about it: a ready-to-send removal request for web-archive
captures, whom to ask for boosts and quotes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["SOURCE_LABELS", "WAYBACK_CONTACT", "merge_remains", "remains_summary", "remains_view", "wayback_request"]

SOURCE_LABELS = {"wayback": "Web archive capture", "boosts": "Boosted by", "quotes": "Quoted by"}
WAYBACK_CONTACT = "info@archive.org"
"""Where the Internet Archive takes removal requests (its help pages name this address)."""
_UNCHECKED = {"wayback": "the web archive", "boosts": "who boosted it", "quotes": "who quoted it"}


def wayback_request(*, post_url: str, captures: Iterable[str], account: str, name: str = "") -> str:
    """A plain-text removal request for the web archive's captures of one of the user's posts."""
    lines = "\n".join(f"  {url}" for url in captures)
    sign = name or "(your name)"
    return (f"To: {WAYBACK_CONTACT}\nSubject: Removal request: archived copies of my own post\n\n"
            f"Hello,\n\nI am the author of the post at\n  {post_url}\n(account {account}), and I have deleted it. "
            f"Please remove these captures of it from the Wayback Machine and exclude the address from "
            f"future captures:\n{lines}\n\nI can confirm that the account is mine if you need it.\n\n"
            f"Thank you,\n{sign}\n")


def _todo(source: str, where: str, url: str) -> str:
    if source == "wayback":
        return ("The web archive keeps this copy after you delete the post: send the removal request below "
                f"to {WAYBACK_CONTACT}.")
    if source == "boosts":
        server = where.rsplit("@", 1)[-1] if where.count("@") >= 2 else (urlsplit(url).hostname or "their server")
        return (f"{where} boosted it: their server, {server}, may keep a copy after you delete it. "
                f"Ask {where} to undo the boost, or the moderators of {server} to remove the copy.")
    return (f"{where} quoted it, and a quote often repeats the words: ask {where} to delete the quote, "
            "or detach your post from it (on Bluesky, open the quote's menu and choose \u201cDetach quote\u201d).")


def remains_view(entry: dict[str, Any] | None, *, post_url: str | None, account: str, name: str = "",
                 date: Callable[[object], str], link: Callable[[object], str | None]) -> dict[str, Any]:
    """The report's view of one post's verify results.

    Args:
        entry: the post's ``Store.verify_state()`` entry, or None when never checked.
        post_url: the post's own address (for the removal request).
        account: the account that posted it.
        name: the person's name, to sign the request.
        date: formats a check time for people (the report's ``human_date``).
        link: a link safe to put in the page, or None (the report's ``safe_link``).

    Returns:
        ``online`` ("true", "false" or "unknown"), ``online_label``, ``edited``, ``copies``
        [{source, label, where, link, todo}], ``requests`` [{to, text}], ``unchecked`` [str],
        and ``shown`` (whether there is anything to show).
    """
    entry = entry or {}
    online = entry.get("online")
    checked = date(entry.get("checked_at"))
    if online is True:
        label = f"Still online (checked {checked})"
    elif online is False:
        label = f"Gone: the platform confirmed it no longer exists (checked {checked})"
    else:
        label = (f"Unknown: the last check could not tell ({entry.get('detail') or 'no answer'}, {checked})"
                 if entry.get("checked_at") else "Not checked yet: run `selfaudit verify`")
    copies = []
    captures = []
    for c in entry.get("copies") or []:
        source, where, url = str(c.get("source")), str(c.get("where") or ""), str(c.get("url") or "")
        if source == "wayback":
            captures.append(url)
        copies.append({"source": source, "label": SOURCE_LABELS.get(source, source), "where": where,
                       "link": link(url), "url": url, "todo": _todo(source, where, url)})
    requests = []
    if captures:
        requests.append({"to": WAYBACK_CONTACT, "text": wayback_request(
            post_url=post_url or "(the post's address)", captures=captures, account=account, name=name)})
    unchecked = [f"Could not check {_UNCHECKED.get(str(u.get('source')), u.get('source'))} "
                 f"({str(u.get('detail') or '').removeprefix('could not check: ')}); nothing was lost: "
                 "run `selfaudit verify` again later." for u in entry.get("unchecked") or []]
    return {"online": {True: "true", False: "false"}.get(online, "unknown"), "online_label": label,
            "edited": bool(entry.get("edited")), "copies": copies, "requests": requests, "unchecked": unchecked,
            "shown": bool(entry)}


def merge_remains(views: list[dict[str, Any]]) -> dict[str, Any]:
    """One card's remains when it stands for several copies of the same text (the first leads)."""
    if len(views) == 1:
        return views[0]
    lead = dict(views[0])
    states = {v["online"] for v in views}
    lead["online"] = states.pop() if len(states) == 1 else "unknown"
    for key in ("copies", "requests", "unchecked"):
        lead[key] = [x for v in views for x in v[key]]
    lead["edited"] = any(v["edited"] for v in views)
    lead["shown"] = any(v["shown"] for v in views)
    return lead


def remains_summary(views: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Counts for the progress section: confirmed gone, copies left, look-ups that could not check."""
    views = list(views)
    return {"confirmed_gone": sum(1 for v in views if v["online"] == "false"),
            "copies": sum(len(v["copies"]) for v in views),
            "unchecked": sum(len(v["unchecked"]) for v in views)}

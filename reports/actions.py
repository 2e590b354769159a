"""One remedy per finding, chosen for the platform and the kind of post, with a how-to line.

The analysis stores the concern's remedy adapted to the kind (``selfaudit.analysis.severity.action_for``);
the report adds what only the platform decides: Bluesky and X cannot edit a post, a repost is
undone rather than deleted, a web page is edited in the site's editor. Older stored findings
may say ``delete`` for a repost, so the kind is applied here again (idempotent).
"""

from __future__ import annotations

__all__ = ["ACTION_LABELS", "ACTION_RANK", "howto", "remedy"]

ACTION_LABELS = {
    "delete": "Delete it",
    "edit": "Edit it to take out the problem",
    "restrict": "Restrict who can see it",
    "unlike": "Undo the like",
    "unrepost": "Undo the repost",
    "review": "Read it again and decide whether to keep it",
    "keep": "Keep it; no change needed",
}
ACTION_RANK = {"delete": 0, "unrepost": 1, "unlike": 2, "edit": 3, "restrict": 4, "review": 5, "keep": 6}

# Platforms where a published post cannot be edited (or only briefly, for some accounts).
_NO_EDIT = {"bluesky", "x"}
_NO_RESTRICT = {"bluesky"}

_HOWTO: dict[str, dict[str, str]] = {
    "mastodon": {
        "delete": "Mastodon: open the post, \u22ef \u2192 Delete (or Delete & re-draft to post a fixed version).",
        "edit": "Mastodon: open the post, \u22ef \u2192 Edit.",
        "restrict": "Mastodon: open the post, \u22ef \u2192 Delete & re-draft, then choose \u201cFollowers only\u201d.",
        "unlike": "Mastodon: open the post and select the star again to remove it from your favourites.",
        "unrepost": "Mastodon: open the post and select the boost button again to undo the boost.",
    },
    "bluesky": {
        "delete": "Bluesky: open the post, \u22ef \u2192 Delete post (Bluesky has no edit; post a corrected version if you want).",
        "unlike": "Bluesky: open the post and tap the heart again.",
        "unrepost": "Bluesky: open the post, tap the repost button \u2192 Undo repost.",
    },
    "x": {
        "delete": "X: open the post, \u22ef \u2192 Delete.",
        "restrict": "X: Settings \u2192 Privacy and safety \u2192 Audience \u2192 Protect your posts.",
        "unlike": "X: open the post and tap the heart again.",
        "unrepost": "X: open the post, tap the repost button \u2192 Undo repost.",
    },
    "facebook": {
        "delete": "Facebook: \u22ef on the post \u2192 Move to trash (or Delete).",
        "edit": "Facebook: \u22ef on the post \u2192 Edit post.",
        "restrict": "Facebook: \u22ef on the post \u2192 Edit audience \u2192 Friends or Only me.",
        "unlike": "Facebook: open the post and select Like again to remove it.",
        "unrepost": "Facebook: find the share on your profile, \u22ef \u2192 Move to trash.",
    },
    "instagram": {
        "delete": "Instagram: \u22ef on the post \u2192 Delete.",
        "edit": "Instagram: \u22ef on the post \u2192 Edit (the caption only).",
        "restrict": "Instagram: \u22ef on the post \u2192 Archive, or make your account private.",
        "unlike": "Instagram: open the post and tap the heart again.",
        "unrepost": "Instagram: open the post, tap the repost button again to remove it.",
    },
    "threads": {
        "delete": "Threads: \u22ef on the post \u2192 Delete.",
        "edit": "Threads: \u22ef on the post \u2192 Edit (only in the first minutes), otherwise Delete.",
        "unlike": "Threads: open the post and tap the heart again.",
        "unrepost": "Threads: tap the repost button \u2192 Remove.",
    },
    "linkedin": {
        "delete": "LinkedIn: \u22ef on the post \u2192 Delete post.",
        "edit": "LinkedIn: \u22ef on the post \u2192 Edit post.",
        "restrict": "LinkedIn: \u22ef on the post \u2192 Edit post \u2192 who can see it: Connections only.",
        "unlike": "LinkedIn: open the post and select your reaction again to remove it.",
        "unrepost": "LinkedIn: find the repost in your activity, \u22ef \u2192 Delete repost.",
    },
    "web": {
        "delete": "Website: delete the page in your site's editor or hosting account.",
        "edit": "Website: open the page in your site's editor or hosting account and remove the passage "
                "(delete the page if nothing is left).",
    },
}


def remedy(action: str, *, kind: str, platform: str) -> str:
    """The one action for a post finding on ``platform`` (an ``ACTION_LABELS`` key)."""
    if action in ("keep", "review"):
        return action
    if kind == "like":
        return "unlike"
    if kind == "repost":
        return "unrepost"
    if kind == "page":
        return "edit" if action in ("delete", "edit", "unlike") else action
    if action == "unlike":  # an endorsement that is the person's own post: remove it
        action = "delete"
    if action == "edit" and platform in _NO_EDIT:
        return "delete"
    if action == "restrict" and platform in _NO_RESTRICT:
        return "delete"
    return action if action in ACTION_LABELS else "review"


def howto(action: str, *, platform: str, platform_label: str) -> str:
    """One line saying where the button is on ``platform`` for ``action``."""
    table = _HOWTO.get(platform, {})
    if action == "keep":
        return ""
    if action == "review":
        line = table.get("delete")
        return f"If you decide to remove it \u2014 {line}" if line else ""
    line = table.get(action)
    if line:
        return line
    verb = {"delete": "delete the post", "edit": "edit the post", "restrict": "change who can see the post",
            "unlike": "remove your like", "unrepost": "undo the repost"}.get(action, "find the post")
    return f"{platform_label}: open the post and use its menu to {verb}."

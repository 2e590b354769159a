"""Builds the ``AccountView`` the account rules read, from a profile row and the account's posts.

The store (``analyze``) and the JSONL profile lines (``classify --profiles``) hand over
profiles in the same row shape, so both go through :func:`account_view`: profile fields
count like the bio, every listed e-mail address counts, and a post is judged on its text
plus its image descriptions (:func:`post_text`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from selfaudit.analysis.accounts import AccountView, Organisation
from selfaudit.analysis.pack import Pack

__all__ = ["account_view", "organisation", "post_text"]


def organisation(pack: Pack) -> Organisation:
    """The pack's own organisation names and e-mail domains, for the account rules."""
    return Organisation(names=pack.organisation_names, domains=pack.organisation_domains)


def post_text(post: Mapping[str, Any]) -> str:
    """What a post is judged on: its text, then its image descriptions, one per line."""
    alts = [a for a in post.get("media_alt") or [] if a]
    return "\n".join([post.get("text") or "", *alts]).strip()


def account_view(
    profile: Mapping[str, Any],
    posts: Sequence[Mapping[str, Any]],
    concerns: Mapping[int, frozenset[str]],
    *,
    pages_only: bool = False,
) -> AccountView:
    """The account as the account rules see it.

    Args:
        profile: a profile row (``platform``, ``account`` or ``handle``, ``display_name``, ``bio``,
            ``links``, ``email``, ``extra`` with ``fields`` and ``emails``).
        posts: the account's post rows (``id``, ``kind``, ``text``, ``media_alt``).
        concerns: post id -> concerns found in that post.
        pages_only: keep only web pages (the affiliation check that runs before posts are judged).
    """
    if pages_only:
        posts = [p for p in posts if p.get("kind") == "page"]
    extra = profile.get("extra") if isinstance(profile.get("extra"), Mapping) else {}
    fields = [f"{f.get('name', '')}: {f.get('value', '')}" for f in extra.get("fields") or [] if isinstance(f, Mapping)]
    emails = [profile.get("email"), *(e for e in extra.get("emails") or [] if isinstance(e, str))]
    return AccountView(
        platform=str(profile.get("platform") or ""),
        handle=str(profile.get("account") or profile.get("handle") or ""),
        display_name=profile.get("display_name") or "",
        bio="\n".join([profile.get("bio") or "", *fields]).strip(),  # profile fields are shown like the bio
        links=tuple(profile.get("links") or ()),
        email=" ".join(e for e in emails if e) or None,  # archives may list several addresses
        pages=tuple(post_text(p) for p in posts if p.get("kind") == "page"),
        posts=tuple(post_text(p) for p in posts),
        post_concerns=tuple(concerns.get(int(p["id"]), frozenset()) for p in posts),
    )
